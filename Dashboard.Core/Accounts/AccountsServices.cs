using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core.Accounts;

public static class AccountsServices
{
    /// <summary>Identity stores and rules for administrators, cancellation, privilege editing and the audit query.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        // Identity's stores take a DbContext, not a factory: one context per DI scope (a request; sign-in is never interactive).
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        services.AddIdentityCore<Administrator>(ConfigureIdentity)
            .AddEntityFrameworkStores<DashboardDbContext>();
        services.AddScoped<AdministratorService>();
        services.AddScoped<RegistrationCancellation>();
        services.AddScoped<AuditQuery>();
        services.AddScoped<AccountCalendars>();
        services.AddScoped<AdministratorLanguages>();
        return services;
    }

    internal static void ConfigureIdentity(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    }
}
