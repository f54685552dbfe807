"""One view of a Kubernetes API request across the three log types Panther ingests.

EKS (`Amazon.EKS.Audit`) records are audit.k8s.io Events as they are; AKS records
(`Azure.MonitorActivity`, categories kube-audit / kube-audit-admin) carry the Event as a JSON
string in `properties.log`; GKE records (`GCP.AuditLog`, serviceName k8s.io) describe the request
in `protoPayload` (verb at the end of methodName, object path in resourceName, gRPC status).
"""
import json

SYSTEM_NAMESPACES = frozenset({"kube-system", "kube-public", "kube-node-lease", "gke-system"})
AKS_CATEGORIES = frozenset({"kube-audit", "kube-audit-admin"})


class K8sRequest:
    """The fields the Kubernetes rules need, the same for every provider."""

    def __init__(self, provider, verb="", resource="", subresource="", namespace="", name="",
                 username="", source_ips=(), user_agent="", request_uri="", status=None,
                 request_object=None):
        self.provider = provider
        self.verb = verb or ""
        self.resource = resource or ""
        self.subresource = subresource or ""
        self.namespace = namespace or ""
        self.name = name or ""
        self.username = username or ""
        self.source_ips = list(source_ips or [])
        self.user_agent = user_agent or ""
        self.request_uri = request_uri or ""
        self.status = status
        self.request_object = request_object

    def context(self, cluster=""):
        return {
            "provider": self.provider,
            "cluster": cluster,
            "username": self.username,
            "sourceIPs": self.source_ips,
            "userAgent": self.user_agent,
            "verb": self.verb,
            "resource": self.resource,
            "subresource": self.subresource,
            "namespace": self.namespace,
            "name": self.name,
            "requestURI": self.request_uri,
            "responseStatus": _plain(self.status),
        }


def _plain(value):
    """Immutable event containers → plain dicts/lists, so alert contexts serialise."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if hasattr(value, "as_list"):
        return value.as_list()
    return value


def _from_audit_event(provider, audit):
    ref = audit.get("objectRef") or {}
    user = audit.get("user") or {}
    return K8sRequest(
        provider,
        verb=audit.get("verb"),
        resource=ref.get("resource"),
        subresource=ref.get("subresource"),
        namespace=ref.get("namespace"),
        name=ref.get("name"),
        username=user.get("username"),
        source_ips=audit.get("sourceIPs"),
        user_agent=audit.get("userAgent"),
        request_uri=audit.get("requestURI"),
        status=audit.get("responseStatus"),
        request_object=audit.get("requestObject"),
    )


def _from_gke(payload):
    method = payload.get("methodName") or ""
    parts = [p for p in (payload.get("resourceName") or "").split("/") if p]
    namespace = resource = name = subresource = ""
    if len(parts) >= 5 and parts[2] == "namespaces":
        namespace, resource = parts[3], parts[4]
        name = parts[5] if len(parts) > 5 else ""
        subresource = parts[6] if len(parts) > 6 else ""
    elif len(parts) >= 3:
        resource = parts[2]
        name = parts[3] if len(parts) > 3 else ""
        subresource = parts[4] if len(parts) > 4 else ""
    auth = payload.get("authenticationInfo") or {}
    meta = payload.get("requestMetadata") or {}
    caller = meta.get("callerIP")
    return K8sRequest(
        "gke",
        verb=method.rsplit(".", 1)[-1] if method else "",
        resource=resource,
        subresource=subresource,
        namespace=namespace,
        name=name,
        username=auth.get("principalEmail") or auth.get("principalSubject") or auth.get("authoritySelector"),
        source_ips=[caller] if caller else [],
        user_agent=meta.get("callerSuppliedUserAgent"),
        request_uri="/apis/" + "/".join(parts) if parts else "",
        status=payload.get("status"),
        request_object=payload.get("request"),
    )


def k8s_request(event):
    """The normalised request, or None when the record is not a Kubernetes API request."""
    log_type = event.get("p_log_type")
    if log_type == "GCP.AuditLog":
        payload = event.get("protoPayload") or {}
        if payload.get("serviceName") != "k8s.io":
            return None
        return _from_gke(payload)
    if log_type == "Azure.MonitorActivity":
        if event.get("category") not in AKS_CATEGORIES:
            return None
        log = (event.get("properties") or {}).get("log")
        if isinstance(log, str):
            try:
                log = json.loads(log)
            except ValueError:
                return None
        if not hasattr(log, "get"):
            return None
        return _from_audit_event("aks", log)
    if log_type in (None, "", "Amazon.EKS.Audit"):
        if event.get("verb") is None and event.get("objectRef") is None:
            return None
        return _from_audit_event("eks" if log_type else "k8s", event)
    return None


def is_failed_request(status):
    """HTTP >= 400 (EKS, AKS) or a gRPC error code 1-16 (GKE). A missing or non-integer code is
    not a failure: GKE leaves `status` empty on success."""
    if not status or not hasattr(status, "get"):
        return False
    code = status.get("code")
    if isinstance(code, bool) or not isinstance(code, int):
        return False
    return code >= 400 or 1 <= code <= 16


def is_system_namespace(namespace):
    return bool(namespace) and namespace in SYSTEM_NAMESPACES


def is_system_identity(username):
    """Control-plane and provider identities: `system:` users other than workload service
    accounts (kube-system service accounts count), and the EKS / AKS / GKE managed principals."""
    if not username:
        return False
    if username.startswith("system:serviceaccount:"):
        return username.startswith("system:serviceaccount:kube-system:")
    if username.startswith("system:"):
        return True
    return username.startswith(("eks:", "aks", "gke-", "masterclient")) or username == "aksService"


def is_system_activity(request):
    """System identities acting inside system namespaces: routine control-plane work."""
    return is_system_identity(request.username) and is_system_namespace(request.namespace)
