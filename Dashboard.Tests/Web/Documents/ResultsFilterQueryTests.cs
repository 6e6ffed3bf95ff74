using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Web.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Tests.Web.Documents;

public sealed class ResultsFilterQueryTests
{
    [Fact]
    public void FilterSurvivesARoundTripThroughTheQueryString()
    {
        var filter = new ResultsFilter
        {
            Search = "Benoît =1+1", Status = RegistrationStatus.PendingGrading, TestType = TestType.Certification,
            GroupId = 12, SessionId = 7, SubjectId = 3, IncludeArchivedGroups = true,
        };

        var query = ResultsFilterQuery.ToQueryString(filter);
        var parsed = ResultsFilterQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)));

        Assert.Equal(filter, parsed);
    }

    [Fact]
    public void ResultsPageParametersAndJunkAreUnderstood()
    {
        var parsed = ResultsFilterQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery("?q=martin&status=completed&type=nope&group=abc&archived=1")));

        Assert.Equal(new ResultsFilter { Search = "martin", Status = RegistrationStatus.Completed, IncludeArchivedGroups = true }, parsed);
    }
}
