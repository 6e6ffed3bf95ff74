using Dashboard.Core.Domain;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real app where a test acts as an owner of an account it seeded itself: the administrator is created
/// through Identity and signs in through the real sign-in form (HTTP or browser), never a fake handler.
/// </summary>
public sealed class ActingWebFactory : DashboardWebFactory
{
    /// <summary>Creates an owner of <paramref name="accountId"/> and returns their sign-in email (password: <see cref="AccountsBuilder.Password"/>).</summary>
    public async Task<string> CreateOwnerAsync(int accountId)
    {
        var admin = await AccountsBuilder.CreateAdministratorAsync(Services, accountId, Privileges.Owner, name: "Test owner");
        return admin.Email!;
    }

    /// <summary>An HTTP client signed in as a new owner of <paramref name="accountId"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(int accountId) =>
        await SignedInClient.SignInAsync(this, await CreateOwnerAsync(accountId));
}
