using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Email;
using Dashboard.Web.Components.Email;
using Microsoft.AspNetCore.Authentication;

namespace Dashboard.Web.Endpoints;

public static class BulkEndpoints
{
    /// <summary>The web side of group reports: Razor email templates.</summary>
    public static IServiceCollection AddBulkWeb(this IServiceCollection services)
    {
        services.AddSingleton<IEmailTemplateRenderer, RazorEmailTemplateRenderer>();
        return services;
    }

    /// <summary>GET /download/bulk/{id}: the file of a finished request, for administrators of its account only.</summary>
    public static IEndpointRouteBuilder MapBulkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/download/bulk/{id:int}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> DownloadAsync(int id, HttpContext context, AccountScope scope, BulkRequestService service,
        CancellationToken cancellationToken)
    {
        if (!scope.IsSet)
        {
            var schemes = context.RequestServices.GetService<IAuthenticationSchemeProvider>();
            return schemes is not null && await schemes.GetDefaultChallengeSchemeAsync() is not null
                ? TypedResults.Challenge()
                : TypedResults.Unauthorized();
        }

        try
        {
            var file = await service.GetDownloadAsync(id, cancellationToken);
            return TypedResults.PhysicalFile(file.Path, file.ContentType, file.FileName);
        }
        catch (NotFoundException)
        {
            return TypedResults.NotFound();
        }
        catch (BulkFileGoneException)
        {
            return TypedResults.Problem("This file has expired. Run the request again from My requests.", statusCode: StatusCodes.Status410Gone);
        }
        catch (PrivilegeException)
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }
    }
}
