using System.Globalization;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Endpoints;

/// <summary>
/// The Results page's filter in a query string (search or q, status, type, group, session, subject, archived), both ways:
/// the export link carries exactly what the grid shows.
/// </summary>
public static class ResultsFilterQuery
{
    public static ResultsFilter Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new ResultsFilter
        {
            // The Results page writes its search as "q"; "search" is accepted too.
            Search = (query["search"].FirstOrDefault() ?? query["q"].FirstOrDefault()) is { } search && !string.IsNullOrWhiteSpace(search) ? search : null,
            Status = ParseEnum<RegistrationStatus>(query["status"].FirstOrDefault()),
            TestType = ParseEnum<TestType>(query["type"].FirstOrDefault()),
            GroupId = ParseInt(query["group"].FirstOrDefault()),
            SessionId = ParseInt(query["session"].FirstOrDefault()),
            SubjectId = ParseInt(query["subject"].FirstOrDefault()),
            IncludeArchivedGroups = query["archived"].FirstOrDefault() is "true" or "1" or "True",
        };
    }

    public static string ToQueryString(ResultsFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var values = new Dictionary<string, string?>();
        if (!string.IsNullOrEmpty(filter.Search))
        {
            values["search"] = filter.Search;
        }

        if (filter.Status is { } status)
        {
            values["status"] = status.ToString();
        }

        if (filter.TestType is { } type)
        {
            values["type"] = type.ToString();
        }

        if (filter.GroupId is { } group)
        {
            values["group"] = group.ToString(CultureInfo.InvariantCulture);
        }

        if (filter.SessionId is { } session)
        {
            values["session"] = session.ToString(CultureInfo.InvariantCulture);
        }

        if (filter.SubjectId is { } subject)
        {
            values["subject"] = subject.ToString(CultureInfo.InvariantCulture);
        }

        if (filter.IncludeArchivedGroups)
        {
            values["archived"] = "true";
        }

        return QueryHelpers.AddQueryString("", values);
    }

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static T? ParseEnum<T>(string? value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
}
