"""CronJobs created or changed by someone other than the control plane (persistence, T1053)."""
from ruleproof_kubernetes import is_failed_request, is_system_activity, k8s_request

WRITE_VERBS = {"create", "update", "patch"}


def rule(event):
    request = k8s_request(event)
    if request is None:
        return False
    if request.verb not in WRITE_VERBS or request.resource != "cronjobs":
        return False
    # Status writes come from the CronJob controller, not from whoever owns the schedule.
    if request.subresource == "status":
        return False
    if is_failed_request(request.status):
        return False
    return not is_system_activity(request)


def title(event):
    request = k8s_request(event)
    action = "created" if request.verb == "create" else "modified"
    name = request.name or "<unnamed>"
    namespace = request.namespace or "<cluster>"
    return f"Kubernetes CronJob [{namespace}/{name}] {action} by [{request.username or '<unknown>'}]"


def dedup(event):
    request = k8s_request(event)
    return f"{request.username or '<unknown>'}:{request.namespace or '<cluster>'}"


def alert_context(event):
    request = k8s_request(event)
    context = request.context(cluster=event.get("p_source_label", ""))
    context["cronjob"] = request.name
    context["requestObject"] = request.request_object
    return context
