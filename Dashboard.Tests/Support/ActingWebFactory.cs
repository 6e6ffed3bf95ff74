using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real app acting as one administrator of an account chosen after start-up (until sign-in is merged,
/// pages are anonymous): every request and every circuit gets that account in its <see cref="AccountScope"/>.
/// </summary>
public sealed class ActingWebFactory : DashboardWebFactory
{
    private readonly ActingAs _actingAs = new();

    public void ActAs(int accountId, int administratorId) => (_actingAs.AccountId, _actingAs.AdministratorId) = (accountId, administratorId);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(_actingAs);
            services.AddScoped<CircuitHandler, ActingCircuitHandler>();
            services.AddSingleton<IStartupFilter, ActingStartupFilter>();
        });
    }

    internal sealed class ActingAs
    {
        public int? AccountId { get; set; }
        public int AdministratorId { get; set; }

        public void Fill(AccountScope scope)
        {
            if (AccountId is { } id && !scope.IsSet)
            {
                scope.SetAdministrator(id, AdministratorId, "Browser test", Privileges.Owner);
            }
        }
    }

    private sealed class ActingCircuitHandler(ActingAs actingAs, AccountScope scope) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            actingAs.Fill(scope);
            return Task.CompletedTask;
        }
    }

    private sealed class ActingStartupFilter(ActingAs actingAs) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                actingAs.Fill(context.RequestServices.GetRequiredService<AccountScope>());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
