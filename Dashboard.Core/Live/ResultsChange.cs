namespace Dashboard.Core.Live;

/// <summary>A registration of an account changed (sitting progress, grading, cancellation…).</summary>
public sealed record ResultsChange(int AccountId, int RegistrationId, string Kind, DateTimeOffset At) : IAccountEvent<ResultsChange>
{
    /// <summary>The kind of a change saved on another node (which says only that the registration changed).</summary>
    public const string SavedKind = "saved";

    public const string ResyncKind = "resync";

    /// <summary>Any registration of the account may have changed: re-query everything shown.</summary>
    public bool IsResync => Kind == ResyncKind;

    public static ResultsChange Resync(int accountId, DateTimeOffset at) => new(accountId, 0, ResyncKind, at);
}
