using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using MudBlazor;

namespace Dashboard.Tests.Components.Accounts;

/// <summary>A bUnit context whose Core services act as one administrator against a real test database.</summary>
public sealed class AccountsComponentContext(TestDatabase database, Administrator actor, Privileges? privileges = null) : IAsyncDisposable
{
    public BunitContext Bunit { get; } = ComponentContext.Create(database).ActAs(actor, privileges);

    /// <summary>Renders the popover and dialog providers (dialogs appear in the latter's markup).</summary>
    public IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Bunit.Render<MudPopoverProvider>();
        return Bunit.Render<MudDialogProvider>();
    }

    public ValueTask DisposeAsync() => Bunit.DisposeAsync();
}
