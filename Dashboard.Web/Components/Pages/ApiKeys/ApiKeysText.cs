namespace Dashboard.Web.Components.Pages.ApiKeys;

/// <summary>Marks the API keys page's texts: ApiKeysText.resx (English) and ApiKeysText.fr.resx.</summary>
public sealed class ApiKeysText;
