using Dashboard.Core.Accounts;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Turns the Core services' refusals into HTTP answers for every endpoint and prerendered page: another
/// account's id (or a missing one) is 404, a missing privilege 403. Pages and endpoints may answer more
/// precisely themselves; this is the floor, so a forgotten catch never leaks a 500 with details.
/// </summary>
public sealed class CoreExceptionStatusMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is NotFoundException or PrivilegeException && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = e is NotFoundException ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        }
    }
}
