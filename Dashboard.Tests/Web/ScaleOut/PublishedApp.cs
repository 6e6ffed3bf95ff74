using System.Diagnostics;

namespace Dashboard.Tests.Web.ScaleOut;

/// <summary>
/// The app as it is deployed: <c>dotnet publish</c> of the build these tests run from (no rebuild). A publish output
/// serves the packages' static assets (MudBlazor's CSS) in Production; the build output run as a DLL does not.
/// </summary>
internal static class PublishedApp
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Publishes into <paramref name="output"/>; returns it.</summary>
    public static async Task<string> PublishAsync(string output)
    {
        // bin/<Configuration>/<framework>/: publish what the tests were built with.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var start = new ProcessStartInfo(NodeProcess.Dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in new[]
        {
            "publish", Path.Combine("Dashboard.Web", "Dashboard.Web.csproj"), "-c", configuration, "--no-build", "--nologo", "-o", output,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !File.Exists(Path.Combine(output, "Dashboard.Web.dll")))
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return output;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ResultsDashboard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ResultsDashboard.sln) is not above " + AppContext.BaseDirectory);
    }
}
