namespace Dashboard.Core.Bulk.Kinds;

/// <summary>How a bulk request hands over what it produced.</summary>
internal enum BulkDelivery
{
    /// <summary>One document for the whole request, downloaded from My requests.</summary>
    SingleFile,

    /// <summary>One document per candidate, gathered in a ZIP downloaded from My requests.</summary>
    Zip,

    /// <summary>One document per candidate, emailed to that candidate.</summary>
    EmailToCandidates,
}
