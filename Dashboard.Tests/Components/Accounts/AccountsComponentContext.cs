using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Accounts;

/// <summary>A bUnit context whose Core services act as one administrator against a real SQLite database.</summary>
public sealed class AccountsComponentContext : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    public AccountsComponentContext(TestDatabase database, Administrator actor, Privileges? privileges = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(actor);
        _scope = database.CreateScope(actor.AccountId, actor.Id, privileges ?? actor.Privileges, actor.DisplayName);
        var services = _scope.ServiceProvider;
        Bunit.Services.AddSingleton(services.GetRequiredService<AccountScope>());
        Bunit.Services.AddSingleton(services.GetRequiredService<AdministratorService>());
        Bunit.Services.AddSingleton(services.GetRequiredService<RegistrationCancellation>());
        Bunit.Services.AddSingleton(services.GetRequiredService<AuditQuery>());
        Bunit.Services.AddSingleton(services.GetRequiredService<AccountCalendars>());
    }

    public BunitContext Bunit { get; } = ComponentContext.Create();

    /// <summary>Renders the popover and dialog providers (dialogs appear in the latter's markup).</summary>
    public IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Bunit.Render<MudPopoverProvider>();
        return Bunit.Render<MudDialogProvider>();
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await _scope.DisposeAsync();
    }
}
