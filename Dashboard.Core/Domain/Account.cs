namespace Dashboard.Core.Domain;

/// <summary>A client organisation: the tenant that owns everything else.</summary>
public sealed class Account
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>IANA time zone used for "today" (e.g. Europe/Paris).</summary>
    public string TimeZoneId { get; set; } = "Europe/Paris";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Marks an entity owned by one account; the global query filter scopes it.</summary>
public interface IAccountOwned
{
    int AccountId { get; set; }
}

public sealed class CreditPack : IAccountOwned
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public TestType TestType { get; set; }
    public int InitialQuantity { get; set; }
    public int RemainingQuantity { get; set; }
    public DateOnly PurchasedOn { get; set; }
    public DateOnly ExpiresOn { get; set; }
}
