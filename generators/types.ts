/**
 * What the generators produce. An **action** is one request to the Kubernetes API server,
 * described independently of the provider; `auditEvent(action, context)` turns it into the
 * `audit.k8s.io/v1` Event the provider's API server would log (identities, authorization
 * reasons and node names depend on the provider).
 */
import type { AuditEvent, ClusterContext } from '../src/model/audit-event.js'

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection'

/** Who sent the request, before it is rendered for a provider. */
export type Actor = HumanActor | ServiceAccountActor | ControllerActor | NodeActor | SystemActor | AnonymousActor

export interface HumanActor {
  kind: 'human'
  /** Login handle, e.g. `jdoe`. */
  handle: string
  /** Corporate e-mail domain, e.g. `contoso.example`. */
  domain: string
  /**
   * The break-glass / legacy credential instead of the personal one: `kubernetes-admin`
   * (kubeadm, EKS aws-auth), `masterclient` (AKS `--admin`). GKE has none: the person's e-mail.
   */
  admin: boolean
  /**
   * An application credential used from outside the cluster (CI/CD, Terraform): an AKS service
   * principal or managed identity (named by its object id), an EKS role session named by the SDK,
   * a GKE Google service account, a plain-Kubernetes deployer certificate.
   */
  automation: boolean
  /** IAM role the person assumes on EKS, its role id (AROA…) and STS access key (ASIA…). */
  aws: { roleName: string; roleId: string; accessKeyId: string }
  /** Entra ID object id and group object ids on AKS. */
  entra: { objectId: string; groupIds: string[] }
  /** x509 credential id (plain Kubernetes). */
  certSha256: string
}

export interface ServiceAccountActor {
  kind: 'serviceaccount'
  namespace: string
  name: string
  uid: string
  /** Bound token id (`JTI=<uuid>`) and the pod the token is bound to. */
  tokenId: string
  podName: string
}

/** A kube-controller-manager controller using its own service account (cronjob-controller, …). */
export interface ControllerActor {
  kind: 'controller'
  name: string
  uid: string
}

export interface NodeActor {
  kind: 'node'
  /** Node-pool name and index, an 8-hex id and the node's private IP, rendered per provider. */
  pool: string
  index: number
  hex: string
  ip: string
  /** EC2 instance id (EKS). */
  instanceId: string
}

export type SystemRole = 'addon-manager' | 'certificate-controller' | 'node-manager' | 'scheduler' | 'controller-manager' | 'apiserver'

/** Provider control-plane identities: `eks:*`, `aksService`, GKE's `system:*` managers. */
export interface SystemActor {
  kind: 'system'
  role: SystemRole
}

export interface AnonymousActor {
  kind: 'anonymous'
}

/** How the request ended: HTTP code and, for failures, who refused it. */
export interface Outcome {
  code: number
  /** `rbac`: the authorizer refused (no request body logged); `admission`: a webhook or Pod Security. */
  deniedBy?: 'rbac' | 'admission'
  /** Message of a failure Status (the default text is derived from the code). */
  message?: string
}

export interface Action {
  auditId: string
  /** When the request was received, in whole microseconds since the Unix epoch (exact in a double). */
  time: number
  /** Microseconds until ResponseComplete. */
  latencyMicros: number
  verb: Verb
  /** API group, `''` for the core group. */
  apiGroup: string
  apiVersion: string
  resource: string
  subresource?: string
  namespace?: string
  name?: string
  actor: Actor
  userAgent: string
  sourceIp: string
  /** Query string without `?`, e.g. `fieldManager=kubectl-create&fieldValidation=Strict`. */
  query?: string
  /** The request body as the audit log shows it: the defaulted object, a raw patch, DeleteOptions. */
  body?: unknown
  /** The object the server returned on success (stored object with server-set metadata, or a Status). */
  response?: unknown
  outcome: Outcome
  /** Extra audit annotations (Pod Security, webhooks). */
  annotations?: Record<string, string>
}

/** The label line written next to each generated record. `code` is the HTTP-equivalent status. */
export interface Labels {
  family: string
  malicious: boolean
  technique: string | null
  atomic: string | null
  verb: string
  resource: string | null
  subresource: string | null
  namespace: string | null
  name: string | null
  user: string | null
  code: number | null
}

/** What a family says about every event it produces. */
export interface FamilyLabels {
  malicious: boolean
  /** MITRE ATT&CK technique id, e.g. `T1053.007`. */
  technique: string | null
  /** Which Atomic-style test this is: `art:<guid>` for Atomic Red Team, `seed:<n>-<slug>` for the Sentinel seed's four. */
  atomic: string | null
}

/** One step of a scenario: an action and the (sub)family it belongs to. */
export interface Step {
  family: string
  action: Action
  /**
   * false for a preparatory request of the family's activity (e.g. the `get` that `kubectl apply`
   * sends before creating); `familyArbitrary` yields the family's main request.
   */
  primary?: boolean
}

/** A scenario: the requests one activity causes, in order (e.g. CronJob create, then the controllers' Job and Pod). */
export interface Scenario {
  family: string
  steps: Step[]
}

/** An event with everything a property needs to judge a rule's verdict on it. */
export interface LabelledEvent {
  family: string
  labels: Labels
  action: Action
  context: ClusterContext
  event: AuditEvent
}
