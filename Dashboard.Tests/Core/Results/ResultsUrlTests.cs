using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Tests.Core.Results;

public sealed class ResultsUrlTests
{
    private static ResultsViewState Read(string query) => ResultsUrl.Parse(QueryHelpers.ParseQuery(query));

    [Fact]
    public void AnEmptyQueryIsTheDefaultView()
    {
        Assert.Equal(ResultsViewState.Default, Read(""));
        Assert.Equal(new ResultsGridPosition(ResultsSortKeys.Id, true, 0, 25), ResultsViewState.Default.Position);
    }

    [Fact]
    public void QueryValuesBecomeTheFilterAndPosition()
    {
        var view = Read("?q=benoit&status=pendinggrading&type=Certification&group=4&session=9&archived=true&sort=name&desc=false&page=3&size=50");

        Assert.Equal(new ResultsFilter
        {
            Search = "benoit", Status = RegistrationStatus.PendingGrading, TestType = TestType.Certification, GroupId = 4, SessionId = 9,
            IncludeArchivedGroups = true,
        }, view.Filter);
        Assert.Equal(new ResultsGridPosition(ResultsSortKeys.Name, false, 2, 50), view.Position);
    }

    [Fact]
    public void MalformedValuesFallBackToDefaults()
    {
        var view = Read("?q=%20%20&status=7&type=Nonsense&group=-1&session=abc&subject=0&sort=Email;%20DROP%20TABLE&page=-4&size=1000&archived=maybe");

        Assert.Equal(ResultsViewState.Default, view);
    }

    [Fact]
    public void ASortKeyWithoutDirectionSortsAscending()
    {
        Assert.Equal(new ResultsGridPosition(ResultsSortKeys.Group, false, 0, 25), Read("?sort=group").Position);
    }

    [Theory]
    [InlineData("?archived=1")]
    [InlineData("?archived=true")]
    [InlineData("?ARCHIVED=True")]
    public void ArchivedIsReadTheSameWayEverywhere(string query)
    {
        // The page and the export endpoint once parsed this differently ("1" was honoured by one, ignored by the other).
        Assert.True(Read(query).Filter.IncludeArchivedGroups);
    }

    [Fact]
    public void AViewSurvivesARoundTripThroughItsLink()
    {
        var view = new ResultsViewState(
            new ResultsFilter
            {
                Search = "Benoît =1+1 & co", Status = RegistrationStatus.PendingGrading, TestType = TestType.Certification,
                GroupId = 12, SessionId = 7, SubjectId = 3, IncludeArchivedGroups = true,
            },
            new ResultsGridPosition(ResultsSortKeys.CompletedAt, false, 4, 100));

        var link = ResultsUrl.ToQueryString(view);

        Assert.Equal(view, Read(link));
    }

    [Fact]
    public void TheDefaultViewLeavesTheUrlClean()
    {
        Assert.Equal("", ResultsUrl.ToQueryString(ResultsViewState.Default));
        Assert.All(ResultsUrl.PositionParameters(ResultsGridPosition.Default).Values, Assert.Null);
        var moved = ResultsUrl.PositionParameters(new ResultsGridPosition(ResultsSortKeys.Result, true, 1, 100));
        Assert.Equal("result", moved[ResultsUrl.Sort]);
        Assert.Equal("true", moved[ResultsUrl.Descending]);
        Assert.Equal(2, moved[ResultsUrl.Page]);
        Assert.Equal(100, moved[ResultsUrl.Size]);
    }

    [Fact]
    public void ANewFilterGoesBackToTheFirstPage()
    {
        var parameters = ResultsUrl.FilterParameters(ResultsFilter.Default with { Search = "martin" });

        Assert.Equal("martin", parameters[ResultsUrl.Search]);
        Assert.True(parameters.ContainsKey(ResultsUrl.Page));
        Assert.Null(parameters[ResultsUrl.Page]);
    }
}
