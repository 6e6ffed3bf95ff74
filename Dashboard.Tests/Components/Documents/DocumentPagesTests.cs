using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Core.Documents;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Certificates;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using MudBlazor;

namespace Dashboard.Tests.Components.Documents;

public sealed class DocumentPagesTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly DocumentWorld _world = new(database);
    private readonly BunitContext _bunit = ComponentContext.Create();
    private readonly PreparedDownloads _prepared = new(TimeProvider.System, new DocumentTempFiles(Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"))));
    private AsyncServiceScope _scope;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _scope.DisposeAsync();
        _prepared.Dispose();
    }

    private void ActAs(int accountId, Privileges privileges)
    {
        _scope = database.CreateScope(accountId, 1, privileges);
        var services = _scope.ServiceProvider;
        _bunit.Services.AddSingleton(services.GetRequiredService<AccountScope>());
        _bunit.Services.AddSingleton(services.GetRequiredService<IDocumentService>());
        _bunit.Services.AddSingleton(services.GetRequiredService<CertificateList>());
        _bunit.Services.AddSingleton(services.GetRequiredService<AttestationList>());
        _bunit.Services.AddSingleton(services.GetRequiredService<AccountCalendars>());
        _bunit.Services.AddSingleton<TimeProvider>(database.Time);
        _bunit.Services.AddSingleton(_prepared);
        _bunit.Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task ExportButtonBuildsTheFilteredFileThenHandsItToTheBrowser()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "Export group");
        var subject = await _world.World.SubjectAsync();
        for (var i = 0; i < 5; i++)
        {
            await _world.World.RegistrationAsync(await _world.World.CandidateAsync(group, $"Prénom{i}", $"Nom{i}"), subject);
        }

        ActAs(account.Id, Privileges.ViewResults | Privileges.Export);
        var button = _bunit.Render<ExportButton>(p => p.Add(b => b.Filter, ResultsFilter.Default with { GroupId = group.Id }));

        await button.Find("button").ClickAsync(new());

        var call = await WaitForDownloadAsync();
        Assert.StartsWith("download/prepared/", call);
        var download = _prepared.Take(call["download/prepared/".Length..], _scope.ServiceProvider.GetRequiredService<AccountScope>());
        Assert.NotNull(download);
        await using var content = download.Content;
        Assert.EndsWith(".xlsx", download.FileName);
        var rows = content.Query(useHeaderRow: true).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Contains("Export to Excel", button.Markup);
    }

    [Fact]
    public async Task ExportButtonIsDisabledWithoutTheExportPrivilege()
    {
        var account = await _world.World.AccountAsync();
        ActAs(account.Id, Privileges.ViewResults);

        var button = _bunit.Render<ExportButton>(p => p.Add(b => b.Filter, ResultsFilter.Default));

        Assert.True(button.Find("button").HasAttribute("disabled"));
        Assert.Equal("Export to Excel", button.Find("button").TextContent.Trim());
        // MudButton's markup, not the component and its icon, which every open Results page would hold.
        Assert.Empty(button.FindComponents<MudBlazor.MudButton>());
    }

    [Fact]
    public async Task CertificatesPageListsOnlyValidatedCertificationsWithADiplomaButton()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "Diplômés");
        var subject = await _world.World.SubjectAsync("Certified Word", threshold: 551);
        await _world.SittingAsync(await _world.World.CandidateAsync(group, "Éloïse", "Brisson"), subject, _ => true, type: TestType.Certification,
            configure: r => r.CertificateValidated = true);
        await _world.SittingAsync(await _world.World.CandidateAsync(group, "Failed", "Candidate"), subject, i => i < 1, type: TestType.Certification);

        ActAs(account.Id, Privileges.ViewResults | Privileges.ManageCertificates);
        var page = _bunit.Render<CertificatesPage>();

        page.WaitForAssertion(() => Assert.Contains("Brisson", page.Markup), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("Candidate", page.FindAll("td").Select(td => td.TextContent));
        var download = page.Find("button[aria-label='Download the diploma of Éloïse Brisson']");
        await download.ClickAsync(new());
        Assert.Contains(_bunit.JSInterop.Invocations, i => i.Identifier == "dashboardDownload" && ((string)i.Arguments[0]!).StartsWith("download/certificate/"));
    }

    [Fact]
    public async Task AttestationsPageDownloadsTheTickedSittingsAsOneZip()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account);
        var subject = await _world.World.SubjectAsync();
        var first = await _world.World.RegistrationAsync(await _world.World.CandidateAsync(group, "Ana", "Alves"), subject, RegistrationStatus.PendingGrading);
        var second = await _world.World.RegistrationAsync(await _world.World.CandidateAsync(group, "Bruno", "Bastos"), subject);
        await _world.World.RegistrationAsync(await _world.World.CandidateAsync(group, "Not", "Started"), subject, RegistrationStatus.ToBeTaken);

        ActAs(account.Id, Privileges.ViewResults | Privileges.ManageCertificates);
        var page = _bunit.Render<AttestationsPage>();
        page.WaitForAssertion(() => Assert.Contains("Bastos", page.Markup), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("Started", page.FindAll("td").Select(td => td.TextContent));

        foreach (var checkbox in page.FindAll("tbody input[type=checkbox]"))
        {
            await checkbox.ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        }

        page.WaitForAssertion(() => Assert.Contains("Download 2 attestations (ZIP)", page.Markup));
        await page.FindAll("button").Single(b => b.TextContent.Contains("Download 2 attestations")).ClickAsync(new());
        var url = (string)_bunit.JSInterop.Invocations.Single(i => i.Identifier == "dashboardDownload").Arguments[0]!;
        Assert.StartsWith("download/attestations?ids=", url);
        Assert.Contains(first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), url);
        Assert.Contains(second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), url);
    }

    private async Task<string> WaitForDownloadAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            var call = _bunit.JSInterop.Invocations.FirstOrDefault(x => x.Identifier == "dashboardDownload");
            if (call.Identifier is not null)
            {
                return (string)call.Arguments[0]!;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No download was triggered.");
    }
}
