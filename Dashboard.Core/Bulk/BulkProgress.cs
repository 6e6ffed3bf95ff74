using Dashboard.Core.Live;

namespace Dashboard.Core.Bulk;

/// <summary>A bulk request moved: its status or progress changed. Carried to the Jobs page by <see cref="IAccountFeed{TEvent}"/>.</summary>
public sealed record BulkProgress(int AccountId, int RequestId, BulkStatus Status, int ItemsDone, int ItemsTotal, int ItemsFailed)
    : IAccountEvent<BulkProgress>
{
    /// <summary>Request 0: any request of the account may have moved, re-read the list.</summary>
    public static BulkProgress Resync(int accountId, DateTimeOffset at) => new(accountId, 0, BulkStatus.Queued, 0, 0, 0);
}
