using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Tests.Web.ScaleOut;

/// <summary>
/// The app as it is deployed: <c>dotnet publish</c> of the build these tests run from (no rebuild). A publish output
/// serves the packages' static assets (MudBlazor's CSS) in Production; the build output run as a DLL does not.
/// Published once per build: the output is kept in the temp directory under a key made of every file the publish reads
/// (the web app's build output and its wwwroot: paths, sizes, write times), so a re-run of the same build reuses it and
/// any rebuild or asset change publishes afresh.
/// </summary>
internal static class PublishedApp
{
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "dashboard-two-nodes");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The publish output of this build (published now unless a previous run of the same build left it).</summary>
    public static async Task<string> PublishOnceAsync()
    {
        // bin/<Configuration>/<framework>/: publish what the tests were built with.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var web = Path.Combine(RepositoryRoot, "Dashboard.Web");
        var output = Path.Combine(Cache, "published-" + Key(RepositoryRoot, configuration,
            Path.Combine(web, "bin", configuration, framework.Name), Path.Combine(web, "wwwroot")));
        if (File.Exists(Path.Combine(output, "Dashboard.Web.dll")))
        {
            // Marks it in use, so that another build's run does not take it for stale.
            Directory.SetLastWriteTimeUtc(output, DateTime.UtcNow);
            return output;
        }

        RemoveStale();
        // Published beside, then renamed: a run never sees a half-written output (another run may publish at once).
        var partial = output + "-" + Guid.NewGuid().ToString("N");
        await PublishAsync(configuration, partial);
        try
        {
            Directory.Move(partial, output);
        }
        catch (IOException) when (File.Exists(Path.Combine(output, "Dashboard.Web.dll")))
        {
            Directory.Delete(partial, recursive: true);
        }

        return output;
    }

    private static async Task PublishAsync(string configuration, string output)
    {
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
    }

    private static string Key(string repositoryRoot, string configuration, params string[] inputs)
    {
        var text = new StringBuilder().AppendLine(repositoryRoot).AppendLine(configuration);
        foreach (var directory in inputs.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                text.AppendLine(CultureInfo.InvariantCulture, $"{file}|{info.Length}|{info.LastWriteTimeUtc.Ticks}");
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    // Outputs of other builds (about 0.5 GB each), unused for an hour: no run of the class lasts that long.
    private static void RemoveStale()
    {
        if (!Directory.Exists(Cache))
        {
            return;
        }

        foreach (var directory in new DirectoryInfo(Cache).EnumerateDirectories("published-*")
            .Where(d => d.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // In use or already gone: left for the next run.
            }
        }
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
