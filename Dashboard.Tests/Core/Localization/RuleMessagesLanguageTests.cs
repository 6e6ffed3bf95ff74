using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Core.Grading;
using Dashboard.Tests.Core.Bulk;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Localization;

/// <summary>
/// The same refusal of a rule reads in the reader's language: the services word their messages in the current UI culture
/// when they throw (a circuit runs in the administrator's culture, a request in the browser's).
/// </summary>
public sealed class RuleMessagesLanguageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly WorldBuilder _world = new(database);
    private readonly AccountsBuilder _accounts = new(database);

    [Fact]
    public async Task CancellingTwiceIsRefusedInTheReadersLanguage()
    {
        var account = await _world.AccountAsync();
        var owner = await _accounts.AdministratorAsync(account, Privileges.Owner);
        var candidate = await _world.CandidateAsync(await _world.GroupAsync(account));
        var registration = await _world.RegistrationAsync(candidate, await _world.SubjectAsync(), RegistrationStatus.Cancelled);

        Task Cancel() => CancelAsync(owner, Privileges.Owner, registration.Id);

        Assert.Equal("Cette inscription est déjà annulée.", (await InAsync<DomainRuleException>("fr-FR", Cancel)).Message);
        Assert.Equal("This registration is already cancelled.", (await InAsync<DomainRuleException>("en-GB", Cancel)).Message);
    }

    [Fact]
    public async Task AMissingPrivilegeIsRefusedInTheReadersLanguage()
    {
        var team = await _accounts.OwnerAndViewerAsync();
        var candidate = await _world.CandidateAsync(await _world.GroupAsync(team.Account));
        var registration = await _world.RegistrationAsync(candidate, await _world.SubjectAsync(), RegistrationStatus.ToBeTaken);

        Task Cancel() => CancelAsync(team.Viewer, Privileges.ViewResults, registration.Id);

        var french = await InAsync<PrivilegeException>("fr-FR", Cancel);
        var english = await InAsync<PrivilegeException>("en-GB", Cancel);
        Assert.StartsWith("Vous n'avez pas le droit nécessaire", french.Message, StringComparison.Ordinal);
        Assert.StartsWith("You do not have the privilege to do this", english.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningAnAlreadyGradedTestIsRefusedInTheReadersLanguage()
    {
        var account = await _world.AccountAsync();
        var grader = await new GradingBuilder(database).AdministratorAsync(account, "Gaston Grader", Privileges.Grader);
        var candidate = await _world.CandidateAsync(await _world.GroupAsync(account));
        var test = await _world.RegistrationAsync(candidate, await _world.SubjectAsync("Excel", essays: 1), RegistrationStatus.Completed);

        async Task Load()
        {
            await using var scope = database.CreateScope(grader);
            await scope.ServiceProvider.GetRequiredService<GradingService>().LoadAsync(test.Id, CancellationToken.None);
        }

        var french = await InAsync<TestAlreadyGradedException>("fr-FR", Load);
        var english = await InAsync<TestAlreadyGradedException>("en-GB", Load);
        Assert.StartsWith($"Le test {test.Id} est déjà corrigé", french.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Test {test.Id} is already graded", english.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredFileIsGoneInTheReadersLanguage()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 1);
        var id = await context.RequestAsync(world, world.Input(BulkKind.GroupReport));
        await context.RunAsync(world.Account.Id, id);
        database.Time.Advance(TimeSpan.FromHours(73));

        async Task Download()
        {
            await using var owner = context.AsAdministrator(world.Admin);
            await owner.ServiceProvider.GetRequiredService<BulkRequestService>().GetDownloadAsync(id);
        }

        Assert.Equal($"Le fichier de la demande {id} a expiré.", (await InAsync<BulkFileGoneException>("fr-FR", Download)).Message);
        Assert.Equal($"The file of request {id} has expired.", (await InAsync<BulkFileGoneException>("en-GB", Download)).Message);
    }

    private async Task CancelAsync(Administrator actor, Privileges privileges, int registrationId)
    {
        await using var scope = database.CreateScope(actor, privileges);
        await scope.ServiceProvider.GetRequiredService<RegistrationCancellation>().CancelAsync(registrationId, CancellationToken.None);
    }

    /// <summary>Runs <paramref name="action"/> as a reader of <paramref name="culture"/> (the culture flows with the awaits and is restored after).</summary>
    private static async Task<T> InAsync<T>(string culture, Func<Task> action) where T : Exception
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return await Assert.ThrowsAsync<T>(action);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
