using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web.Documents;

/// <summary>Temporary files of generated documents: under the data folder, owner-only (Unix modes), gone after a failure, cleaned at start-up.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TemporaryFilesTests(DocumentsWebFactory factory) : IClassFixture<DocumentsWebFactory>
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task AnExportThatFailsMidwayLeavesNoFileAndItsFileWasOwnerOnlyUnderTheDataFolder()
    {
        var folder = Path.Combine(factory.DataDirectory, "tmp");
        var seen = new List<(string Name, UnixFileMode Mode, UnixFileMode FolderMode)>();
        using var failing = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddScoped<ResultsQuery>();
            services.AddScoped<IResultsQuery>(sp => new FailingMidway(sp.GetRequiredService<ResultsQuery>(), () =>
            {
                // The workbook is being written: look at it as another local user would.
                foreach (var file in Directory.GetFiles(folder))
                {
                    seen.Add((Path.GetFileName(file), File.GetUnixFileMode(file), File.GetUnixFileMode(folder)));
                }
            }));
        }));
        using var client = failing.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Account", "1");
        client.DefaultRequestHeaders.Add("X-Test-Privileges", ((int)Privileges.Owner).ToString(CultureInfo.InvariantCulture));

        HttpStatusCode? status = null;
        try
        {
            status = (await client.GetAsync(new Uri("/download/export", UriKind.Relative))).StatusCode;
        }
        catch (IOException)
        {
            // The test server may hand the failure to the client instead of a 500: either way no file is served.
        }

        Assert.NotEqual(HttpStatusCode.OK, status);
        var building = Assert.Single(seen);
        Assert.Equal(OwnerReadWrite, building.Mode);
        Assert.Equal(OwnerOnlyFolder, building.FolderMode);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task ATemporaryFileLeftByACrashIsRemovedWhenTheAppStarts()
    {
        await using var app = new DashboardWebFactory();
        app.Settings["Demo:Seed"] = "false";
        var folder = Path.Combine(app.DataDirectory, "tmp");
        Directory.CreateDirectory(folder);
        var leftover = Path.Combine(folder, "document-left-by-a-crash.tmp");
        await File.WriteAllTextAsync(leftover, "Nom;Email\nMartin;anne.martin@example.test");

        using var client = app.CreateClient(); // starts the real host

        Assert.False(File.Exists(leftover));
        Assert.True(Directory.Exists(folder));
    }

    /// <summary>The real query, failing after some rows as a full disk or a lost connection would.</summary>
    private sealed class FailingMidway(IResultsQuery inner, Action beforeFailing) : IResultsQuery
    {
        public Task<ResultsPage> GetPageAsync(ResultsPageRequest request, CancellationToken cancellationToken = default) => inner.GetPageAsync(request, cancellationToken);

        public Task<int> CountAsync(ResultsFilter filter, CancellationToken cancellationToken = default) => inner.CountAsync(filter, cancellationToken);

        public async IAsyncEnumerable<ResultRow> StreamAsync(ResultsFilter filter, string? sortKey = null, bool descending = false,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var count = 0;
            await foreach (var row in inner.StreamAsync(filter, sortKey, descending, cancellationToken))
            {
                if (++count == 200)
                {
                    beforeFailing();
                    throw new IOException("No space left on device.");
                }

                yield return row;
            }
        }
    }
}
