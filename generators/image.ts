import { constantFrom, fake, tuple, weighted, type Gen } from './_internals/gen.js'
import { check } from './_internals/gen.js'

/** Image sets by what the image is typically used for. */
export const IMAGES = {
  shell: ['alpine:latest', 'alpine:3.20', 'alpine', 'busybox:latest', 'busybox:1.36', 'busybox:stable', 'ubuntu:20.04', 'ubuntu:22.04', 'debian:bookworm-slim'],
  db: ['postgres:16-alpine', 'postgres:16.4-alpine', 'mysql:8.0', 'bitnami/mongodb:7.0', 'bitnami/postgresql:16.4.0'],
  cloudCli: ['amazon/aws-cli:2.17.0', 'mcr.microsoft.com/azure-cli:2.64.0', 'google/cloud-sdk:495.0.0-slim'],
  kubectl: ['bitnami/kubectl:1.30', 'bitnami/kubectl:1.31.2', 'registry.k8s.io/kubectl:v1.31.0'],
  curl: ['curlimages/curl:8.10.1', 'curlimages/curl:latest', 'alpine/curl:8.9.1'],
  scanner: ['docker.io/aquasec/kube-bench:v0.8.0', 'aquasec/kube-bench:latest', 'ghcr.io/aquasecurity/node-collector:0.3.1', 'aquasec/trivy:0.56.1'],
  docker: ['docker:cli', 'docker:27-cli', 'docker:dind', 'docker:27.3-dind'],
  system: ['registry.k8s.io/descheduler/descheduler:v0.31.0', 'certbot/certbot:v2.11.0', 'registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.4', 'quay.io/jetstack/cert-manager-startupapicheck:v1.16.1'],
  web: ['nginx:1.27', 'nginx:1.27-alpine', 'httpd:2.4', 'redis:7.4', 'node:20-alpine', 'python:3.12-slim'],
} as const

export type ImageSet = keyof typeof IMAGES | 'app' | 'any'

export interface ImageConstraints {
  /**
   * Which kind of image: one of the {@link IMAGES} sets, `app` (a made-up private application
   * image in a registry) or `any`.
   * @defaultValue `'any'`
   */
  set?: ImageSet
}

const REGISTRIES = ['ghcr.io/acme', 'registry.example.com/platform', '111122223333.dkr.ecr.us-east-1.amazonaws.com', 'acmeprod.azurecr.io', 'europe-west1-docker.pkg.dev/acme-prod/apps'] as const

/** A container image reference. */
export function image(constraints: ImageConstraints = {}): Gen<string> {
  const set = constraints.set ?? 'any'
  check('image', set === 'any' || set === 'app' || set in IMAGES, `unknown image set '${set}'`)
  const app = tuple(
    constantFrom(...REGISTRIES),
    fake((f) => f.hacker.noun().toLowerCase().replace(/[^a-z0-9]+/g, '-')),
    fake((f) => `v${f.number.int({ min: 0, max: 4 })}.${f.number.int({ min: 0, max: 30 })}.${f.number.int({ min: 0, max: 12 })}`),
  ).map(([r, n, v]) => `${r}/${n}:${v}`)
  if (set === 'app') return app
  if (set !== 'any') return constantFrom<string>(...IMAGES[set])
  return weighted<string>([3, app], ...Object.values(IMAGES).map((list) => [1, constantFrom<string>(...list)] as const))
}
