using Microsoft.AspNetCore.Identity;

namespace Dashboard.Core.Domain;

/// <summary>An Identity user of one account. Graders are administrators with <see cref="Privileges.Grade"/>.</summary>
public sealed class Administrator : IdentityUser<int>, IAccountOwned
{
    public int AccountId { get; set; }
    public required string DisplayName { get; set; }
    public Privileges Privileges { get; set; }

    /// <summary>The interface language the administrator chose ("en" or "fr"); null until they choose (the browser's then).</summary>
    public string? Language { get; set; }

    public bool Has(Privileges privilege) => (Privileges & privilege) == privilege;
}
