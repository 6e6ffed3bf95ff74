using System.IO.Compression;
using System.Reflection;
using Dashboard.Core.Bulk;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Core.Bulk;

public sealed class BulkZipTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task TheZipOfIndividualReportsHoldsOneReadablePdfPerCandidateNamedAfterThem()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 7);
        var id = await CreateAsync(context, world, BulkKind.AllIndividualReports);

        await context.RunAsync(world.Account.Id, id);

        var request = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal(BulkStatus.Completed, request.Status);
        Assert.Equal(7, request.ItemsDone);
        Assert.EndsWith(".zip", request.OutputFileName, StringComparison.Ordinal);
        Assert.False(File.Exists(request.OutputPath + ".part"));
        using var zip = ZipFile.OpenRead(request.OutputPath!);
        Assert.Equal(world.Candidates.Count, zip.Entries.Count);
        foreach (var candidate in world.Candidates)
        {
            var entry = Assert.Single(zip.Entries, e => e.Name.StartsWith($"{candidate.LastName} {candidate.FirstName} - ", StringComparison.Ordinal));
            Assert.EndsWith(".pdf", entry.Name, StringComparison.Ordinal);
            using var buffer = new MemoryStream();
            await using (var stream = await entry.OpenAsync())
            {
                await stream.CopyToAsync(buffer);
            }

            using var pdf = PdfDocument.Open(buffer.ToArray());
            Assert.Contains(candidate.LastName, string.Join(" ", pdf.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ZipEntriesAreWrittenToDiskAsTheyAreProducedNotHeldInMemory()
    {
        var sizesOnDisk = new List<long>();
        string? storage = null;
        await using var context = new BulkTestContext(database, smtp: null, services =>
            services.AddScoped<IDocumentService>(sp => ObservedDocuments.Create(
                ActivatorUtilities.CreateInstance<DocumentService>(sp), () =>
                {
                    // What is on disk each time the next document is asked for. The runner renders a few documents
                    // ahead on other threads: measure and record under one lock so the list stays in time order.
                    lock (sizesOnDisk)
                    {
                        var part = Directory.EnumerateFiles(Path.Combine(storage!, "bulk"), "*.part", SearchOption.AllDirectories).SingleOrDefault();
                        sizesOnDisk.Add(part is null ? 0 : new FileInfo(part).Length);
                    }
                })));
        storage = context.StorageRoot;
        var world = await BulkWorld.CreateAsync(database, context, candidates: 10);
        var id = await CreateAsync(context, world, BulkKind.AllIndividualReports);

        await context.RunAsync(world.Account.Id, id);

        var request = await context.LoadAsync(world.Account.Id, id);
        var finalSize = new FileInfo(request.OutputPath!).Length;
        Assert.Equal(10, sizesOnDisk.Count);
        // By the last document, most of the archive is already in the file: entries are streamed, not buffered.
        Assert.True(sizesOnDisk[^1] > finalSize / 2, $"on disk before the last entry: {sizesOnDisk[^1]} of {finalSize} bytes");
        Assert.True(sizesOnDisk.Zip(sizesOnDisk.Skip(1)).All(p => p.Second >= p.First));
    }

    [Fact]
    public async Task TheCertificatesZipHoldsOnlyValidatedCertifications()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 3, type: TestType.Certification, score: 700);
        var extra = await new WorldBuilder(database).CandidateAsync(world.Group, "Zoé", "Failing");
        await new WorldBuilder(database).RegistrationAsync(extra, world.Subject, type: TestType.Certification, score: 300,
            completedAt: database.Time.GetUtcNow().AddDays(-1));
        var id = await CreateAsync(context, world, BulkKind.AllCertificates);

        await context.RunAsync(world.Account.Id, id);

        var request = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal(BulkStatus.Completed, request.Status);
        using var zip = ZipFile.OpenRead(request.OutputPath!);
        Assert.Equal(3, zip.Entries.Count);
        Assert.DoesNotContain(zip.Entries, e => e.Name.Contains("Failing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSkillsFileAndTheGroupReportAreSingleFilesReadyForDownload()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 2);
        var skills = await CreateAsync(context, world, BulkKind.SkillsFile);

        await context.RunAsync(world.Account.Id, skills);

        var request = await context.LoadAsync(world.Account.Id, skills);
        Assert.Equal(BulkStatus.Completed, request.Status);
        Assert.Equal((1, 1), (request.ItemsDone, request.ItemsTotal));
        Assert.EndsWith(".xlsx", request.OutputFileName, StringComparison.Ordinal);
        Assert.Equal(database.Time.GetUtcNow().AddHours(72), request.ExpiresAt);
        using var xlsx = ZipFile.OpenRead(request.OutputPath!);
        Assert.Contains(xlsx.Entries, e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
    }

    private static async Task<int> CreateAsync(BulkTestContext context, BulkWorld world, BulkKind kind)
    {
        await using var scope = context.AsAdministrator(world.Admin);
        return await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(kind));
    }

    /// <summary>Forwards every document call to the real service, running a callback before each individual report.</summary>
    public class ObservedDocuments : DispatchProxy
    {
        private IDocumentService _inner = default!;
        private Action _beforeEach = default!;

        public static IDocumentService Create(IDocumentService inner, Action beforeEach)
        {
            var proxy = Create<IDocumentService, ObservedDocuments>();
            var observed = (ObservedDocuments)(object)proxy;
            observed._inner = inner;
            observed._beforeEach = beforeEach;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IDocumentService.IndividualReportAsync))
            {
                _beforeEach();
            }

            return targetMethod.Invoke(_inner, args);
        }
    }
}
