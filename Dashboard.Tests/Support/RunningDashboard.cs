namespace Dashboard.Tests.Support;

/// <summary>
/// A class fixture: one seeded app on a real port (the host as Program.cs builds it), shared by a browser test class
/// whose tests only read, or change rows they own.
/// </summary>
public sealed class RunningDashboard : IAsyncLifetime
{
    public DashboardWebFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        Factory.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
