using Dashboard.Core.Email;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Web.Components.Email;

/// <summary>Renders email bodies from the Razor components of this folder, outside any circuit.</summary>
public sealed class RazorEmailTemplateRenderer(IServiceProvider services, ILoggerFactory loggerFactory) : IEmailTemplateRenderer
{
    public async Task<string> RenderHtmlAsync(EmailTemplateModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        cancellationToken.ThrowIfCancellationRequested();
        // A scope of its own: HtmlRenderer resolves scoped services (ComponentsActivitySource in .NET 10), and this
        // singleton's provider is the root one, which refuses them when scopes are validated.
        await using var scope = services.CreateAsyncScope();
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
