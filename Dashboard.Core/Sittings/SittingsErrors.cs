namespace Dashboard.Core.Sittings;

/// <summary>Marks the messages of the API keys page (the sitting-events API itself answers integrators in English): SittingsErrors.resx (English) and SittingsErrors.fr.resx, read through <c>UserText</c>.</summary>
public sealed class SittingsErrors;
