using Dashboard.Core.Email;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Web.Components.Email;

/// <summary>Renders email bodies from the Razor components of this folder, outside any circuit.</summary>
/// <remarks>
/// A singleton: each render opens its own DI scope, because HtmlRenderer resolves scoped services of the
/// components framework (ComponentsActivitySource, …) that the host refuses to give from the root provider.
/// </remarks>
public sealed class RazorEmailTemplateRenderer(IServiceScopeFactory scopes, ILoggerFactory loggerFactory) : IEmailTemplateRenderer
{
    public async Task<string> RenderHtmlAsync(EmailTemplateModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        cancellationToken.ThrowIfCancellationRequested();
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { ["Model"] = model });
            var output = model switch
            {
                CandidateDocumentEmail => await renderer.RenderComponentAsync<CandidateDocumentEmailBody>(parameters),
                BulkCompletedEmail => await renderer.RenderComponentAsync<BulkCompletedEmailBody>(parameters),
                Core.Proctoring.ExplanationRequestEmail => await renderer.RenderComponentAsync<Pages.Proctoring.ExplanationRequestEmailBody>(parameters),
                _ => throw new ArgumentException($"No email template for {model.GetType().Name}.", nameof(model)),
            };
            return "<!DOCTYPE html><html><body>" + output.ToHtmlString() + "</body></html>";
        });
    }
}
