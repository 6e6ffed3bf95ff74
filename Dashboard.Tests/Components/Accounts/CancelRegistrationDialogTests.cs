using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Accounts;

public sealed class CancelRegistrationDialogTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private AccountsComponentContext? _context;
    private Account _account = default!;
    private CreditPack _pack = default!;
    private Registration _registration = default!;

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(database);
        _account = await world.AccountAsync();
        _pack = await new AccountsBuilder(database).CreditPackAsync(_account, remaining: 2);
        var candidate = await world.CandidateAsync(await world.GroupAsync(_account), "Zoé", "Lefèvre");
        _registration = await world.RegistrationAsync(candidate, await world.SubjectAsync("Python"), RegistrationStatus.ToBeTaken,
            configure: r => r.CreditPackId = _pack.Id);
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, Task<bool> Result)> OpenAsync(Privileges privileges,
        RegistrationStatus status = RegistrationStatus.ToBeTaken)
    {
        var actor = await new AccountsBuilder(database).AdministratorAsync(_account, privileges);
        _context = new AccountsComponentContext(database, actor);
        var dialogs = _context.RenderProviders();
        var service = _context.Bunit.Services.GetRequiredService<IDialogService>();
        var result = dialogs.InvokeAsync(() => CancelRegistrationDialog.ShowAsync(service, _registration.Id, "Zoé Lefèvre", "Python", status));
        dialogs.WaitForAssertion(() => Assert.Contains("Cancel this registration?", dialogs.Markup));
        return (dialogs, result);
    }

    private async Task<(RegistrationStatus Status, int Remaining)> StateAsync()
    {
        await using var db = database.CreateDbContext(_account.Id);
        return (await db.Registrations.Where(r => r.Id == _registration.Id).Select(r => r.Status).SingleAsync(),
            await db.CreditPacks.Where(p => p.Id == _pack.Id).Select(p => p.RemainingQuantity).SingleAsync());
    }

    [Theory]
    [InlineData(Privileges.Viewer)]
    [InlineData(Privileges.Grader)]
    public async Task WithoutTheCancelPrivilegeTheDialogOffersNoCancelButton(Privileges privileges)
    {
        var (dialogs, _) = await OpenAsync(privileges);

        Assert.Empty(dialogs.FindAll("[data-testid=confirm-cancel]"));
        Assert.Contains("You do not have the privilege to cancel registrations.", dialogs.Find("[data-testid=cancel-not-allowed]").TextContent);
    }

    [Theory]
    [InlineData(RegistrationStatus.InProgress)]
    [InlineData(RegistrationStatus.Completed)]
    [InlineData(RegistrationStatus.Cancelled)]
    public async Task AStartedOrCancelledTestOffersNoCancelButton(RegistrationStatus status)
    {
        var (dialogs, _) = await OpenAsync(Privileges.Owner, status);

        Assert.Empty(dialogs.FindAll("[data-testid=confirm-cancel]"));
        Assert.Contains("Only a test not yet taken can be cancelled.", dialogs.Markup);
    }

    [Fact]
    public async Task ConfirmingCancelsTheRegistrationRefundsTheCreditAndClosesTheDialog()
    {
        var (dialogs, result) = await OpenAsync(Privileges.Owner);
        Assert.Contains("Zoé Lefèvre", dialogs.Markup);

        dialogs.Find("[data-testid=confirm-cancel]").Click();

        Assert.True(await result.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal((RegistrationStatus.Cancelled, 3), await StateAsync());
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Cancel this registration?", dialogs.Markup));
    }

    [Fact]
    public async Task ARefusalFromTheServiceIsShownInTheDialog()
    {
        var (dialogs, result) = await OpenAsync(Privileges.Owner);
        // Someone else cancelled it after the grid was drawn.
        await using (var db = database.CreateDbContext(_account.Id))
        {
            await db.Registrations.Where(r => r.Id == _registration.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled));
        }

        dialogs.Find("[data-testid=confirm-cancel]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("This registration is already cancelled.", dialogs.Find("[data-testid=cancel-error]").TextContent.Trim()));
        Assert.Empty(dialogs.FindAll("[data-testid=confirm-cancel]"));
        Assert.False(result.IsCompleted);
        Assert.Equal((RegistrationStatus.Cancelled, 2), await StateAsync());
    }
}
