/**
 * HTTP status ↔ google.rpc.Code, as GKE's Cloud Audit Log entries carry failures
 * (`protoPayload.status.code`; 403 → 7 is observed, the rest follows the standard mapping).
 */

export function grpcFromHttp(http: number, _reason?: string): number {
  if (http < 400) return 0
  switch (http) {
    case 400: return 3
    case 401: return 16
    case 403: return 7
    case 404: return 5
    // A real GKE entry shows 409 AlreadyExists as 10 (ABORTED), not 6 (panther-analysis GKE test log).
    case 409: return 10
    case 412: return 9
    case 416: return 11
    case 422: return 3
    case 429: return 8
    case 499: return 1
    case 500: return 13
    case 501: return 12
    case 503: return 14
    case 504: return 4
    default: return http < 500 ? 9 : 2
  }
}

const HTTP_OF_GRPC: Record<number, number> = {
  0: 200, 1: 499, 2: 500, 3: 400, 4: 504, 5: 404, 6: 409, 7: 403, 8: 429,
  9: 400, 10: 409, 11: 400, 12: 501, 13: 500, 14: 503, 15: 500, 16: 401,
}

/** The HTTP-equivalent of a gRPC code (what a kube-apiserver `responseStatus.code` would say). */
export function httpFromGrpc(grpc: number): number {
  return HTTP_OF_GRPC[grpc] ?? 500
}
