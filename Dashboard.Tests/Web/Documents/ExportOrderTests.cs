using System.Net;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Dashboard.Tests.Web.Documents;

/// <summary>The export link is the Results page's own link: same filter, same sort, rows in the order the grid shows them.</summary>
public sealed class ExportOrderTests(DocumentsWebFactory factory) : IClassFixture<DocumentsWebFactory>
{
    private readonly DocumentsWebFactory _factory = factory;

    [Theory]
    [InlineData(ResultsSortKeys.Name, false)]
    [InlineData(ResultsSortKeys.CompletedAt, true)]
    [InlineData(ResultsSortKeys.Result, false)]
    public async Task ExportedRowsComeInTheGridsCurrentOrder(string sortKey, bool descending)
    {
        using var warmUp = _factory.CreateClient(); // starts the app: database created and seeded
        int accountId;
        await using (var db = _factory.Database(null))
        {
            accountId = await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        }

        var view = new ResultsViewState(
            ResultsFilter.Default with { Status = RegistrationStatus.Completed },
            new ResultsGridPosition(sortKey, descending, 0, 100));
        IReadOnlyList<int> gridOrder;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId);
            var page = await scope.ServiceProvider.GetRequiredService<IResultsQuery>()
                .GetPageAsync(new ResultsPageRequest(view.Filter, sortKey, descending, 0, 100));
            gridOrder = [.. page.Rows.Select(r => r.Id)];
        }

        using var client = _factory.ClientFor(accountId);
        var response = await client.GetAsync(new Uri("/download/export" + ResultsUrl.ToQueryString(view), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var content = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var exported = content.Query(useHeaderRow: true).Cast<IDictionary<string, object>>()
            .Take(gridOrder.Count).Select(r => Convert.ToInt32(r["ID"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(100, gridOrder.Count);
        Assert.Equal(gridOrder, exported);
    }
}
