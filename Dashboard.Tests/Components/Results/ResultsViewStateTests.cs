using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Web.Components.Pages.Results;

namespace Dashboard.Tests.Components.Results;

public sealed class ResultsViewStateTests
{
    [Fact]
    public void AnEmptyQueryIsTheDefaultView()
    {
        Assert.Equal(ResultsViewState.Default, ResultsViewState.FromQuery(new ResultsQueryValues()));
        Assert.Equal(new ResultsGridPosition(ResultsSortKeys.Id, true, 0, 25), ResultsViewState.Default.Position);
    }

    [Fact]
    public void QueryValuesBecomeTheFilterAndPosition()
    {
        var state = ResultsViewState.FromQuery(new ResultsQueryValues
        {
            Search = "benoit", Status = "pendinggrading", Type = "Certification", Group = 4, Session = 9, Archived = true,
            Sort = "name", Descending = false, Page = 3, Size = 50,
        });

        Assert.Equal(new ResultsFilter
        {
            Search = "benoit", Status = RegistrationStatus.PendingGrading, TestType = TestType.Certification, GroupId = 4, SessionId = 9,
            IncludeArchivedGroups = true,
        }, state.Filter);
        Assert.Equal(new ResultsGridPosition(ResultsSortKeys.Name, false, 2, 50), state.Position);
    }

    [Fact]
    public void MalformedValuesFallBackToDefaults()
    {
        var state = ResultsViewState.FromQuery(new ResultsQueryValues
        {
            Search = "   ", Status = "7", Type = "Nonsense", Group = -1, Sort = "Email; DROP TABLE", Page = -4, Size = 1000,
        });

        Assert.Equal(ResultsViewState.Default, state);
    }

    [Fact]
    public void ASortKeyWithoutDirectionSortsAscending()
    {
        var state = ResultsViewState.FromQuery(new ResultsQueryValues { Sort = "group" });

        Assert.Equal(new ResultsGridPosition(ResultsSortKeys.Group, false, 0, 25), state.Position);
    }

    [Fact]
    public void TheDefaultPositionLeavesTheUrlClean()
    {
        Assert.All(ResultsViewState.PositionParameters(ResultsGridPosition.Default).Values, Assert.Null);
        var moved = ResultsViewState.PositionParameters(new ResultsGridPosition(ResultsSortKeys.Result, true, 1, 100));
        Assert.Equal("result", moved[ResultsQueryValues.SortName]);
        Assert.Equal("true", moved[ResultsQueryValues.DescendingName]);
        Assert.Equal(2, moved[ResultsQueryValues.PageName]);
        Assert.Equal(100, moved[ResultsQueryValues.SizeName]);
    }
}
