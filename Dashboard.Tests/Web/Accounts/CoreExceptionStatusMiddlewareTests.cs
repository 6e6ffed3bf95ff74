using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Tests.Web.Accounts;

public sealed class CoreExceptionStatusMiddlewareTests
{
    private static async Task<int> StatusAfterAsync(Exception thrown)
    {
        var context = new DefaultHttpContext();
        var middleware = new CoreExceptionStatusMiddleware(_ => throw thrown);
        await middleware.InvokeAsync(context);
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task AnotherAccountsIdAnswersNotFound() =>
        Assert.Equal(StatusCodes.Status404NotFound, await StatusAfterAsync(new NotFoundException("Registration")));

    [Fact]
    public async Task AMissingPrivilegeAnswersForbidden() =>
        Assert.Equal(StatusCodes.Status403Forbidden, await StatusAfterAsync(new PrivilegeException(Privileges.Export)));

    [Fact]
    public async Task OtherErrorsAreLeftToTheErrorHandler()
    {
        var middleware = new CoreExceptionStatusMiddleware(_ => throw new InvalidOperationException("boom"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(new DefaultHttpContext()));
    }
}
