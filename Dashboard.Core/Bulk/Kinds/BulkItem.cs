namespace Dashboard.Core.Bulk.Kinds;

/// <summary>One document to produce or send: a candidate's latest completed test of the request.</summary>
internal sealed record BulkItem(int RegistrationId, int CandidateId, string FirstName, string LastName, string Email)
{
    public string DisplayName => $"{FirstName} {LastName}";
}
