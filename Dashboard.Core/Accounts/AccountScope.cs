using Dashboard.Core.Domain;
using Dashboard.Core.Localization;

namespace Dashboard.Core.Accounts;

/// <summary>
/// Who is acting, for one DI scope (a circuit, a request, a job run). The web layer fills it from the
/// signed-in administrator's claims; jobs and the event API set it explicitly. Every account-owned
/// query is filtered by <see cref="AccountId"/>: an empty scope sees nothing.
/// </summary>
public sealed class AccountScope
{
    public int? AccountId { get; private set; }
    public int? AdministratorId { get; private set; }
    public string ActorName { get; private set; } = "system";
    public Privileges Privileges { get; private set; }

    public bool IsSet => AccountId is not null;

    public void SetAdministrator(int accountId, int administratorId, string displayName, Privileges privileges)
    {
        AccountId = accountId;
        AdministratorId = administratorId;
        ActorName = displayName;
        Privileges = privileges;
    }

    /// <summary>For background work acting for an account with every privilege (jobs, event API, simulator).</summary>
    public void SetSystem(int accountId, string actorName = "system")
    {
        AccountId = accountId;
        AdministratorId = null;
        ActorName = actorName;
        Privileges = Privileges.Owner;
    }

    /// <summary>Nobody is acting any more (the circuit's administrator was signed out or revalidation failed).</summary>
    public void Clear()
    {
        AccountId = null;
        AdministratorId = null;
        ActorName = "system";
        Privileges = Privileges.None;
    }

    public bool Has(Privileges privilege) => IsSet && (Privileges & privilege) == privilege;

    /// <summary>Throws <see cref="PrivilegeException"/> unless the scope holds the privilege.</summary>
    public void Demand(Privileges privilege)
    {
        if (!Has(privilege))
        {
            throw new PrivilegeException(privilege);
        }
    }

    public int RequireAccountId() => AccountId ?? throw new PrivilegeException(Privileges.ViewResults);
}

public sealed class PrivilegeException(Privileges privilege)
    : Exception(UserText.Get<AccountsErrors>("PrivilegeMissing", privilege))
{
    public Privileges Privilege { get; } = privilege;
}

/// <summary>A requested entity does not exist in the current account (also for another account's IDs); the message is for the user.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>A rule refused the operation; the message is meant for the user.</summary>
public sealed class DomainRuleException(string message) : Exception(message);
