/// Where calls to a chat model are recorded (`rag_monitor.planner_calls`): each backend's
/// search monitor keeps them beside the embedding calls.
public protocol PlannerCallLog: Sendable {
    func logPlannerCall(_ record: PlannerCallRecord) async throws
    /// The recorded calls, newest first (by `called_at`, then by id); the `limit` most recent, or all when `nil`.
    func plannerCalls(limit: Int?) async throws -> [PlannerCallRecord]
}
