using Dashboard.Core.Bulk;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Documents;

/// <summary>
/// Where generated documents are built before they are sent (an export, a ZIP, a prepared download): a "tmp" folder
/// under the app's data folder (Storage:Root, App_Data by default), never the shared /tmp. The folder is owner-only
/// (0700), each file too (0600); scratch files are deleted when closed, whatever happened, and what a crash left
/// behind is removed at start-up.
/// </summary>
public sealed class DocumentTempFiles(string folder)
{
    private const int BufferSize = 64 * 1024;

    public string Folder { get; } = folder;

    public static DocumentTempFiles For(IOptions<BulkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DocumentTempFiles(Path.Combine(options.Value.ResolveStorageRoot(), "tmp"));
    }

    /// <summary>A new read/write file deleted when the stream is closed (on success and on failure).</summary>
    public FileStream CreateScratch() => Create("document-" + Guid.NewGuid().ToString("N") + ".tmp", FileAccess.ReadWrite, deleteOnClose: true);

    /// <summary>A new file <paramref name="name"/> to write, kept after closing: the caller deletes it.</summary>
    public FileStream CreateKept(string name) => Create(name, FileAccess.Write, deleteOnClose: false);

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Removes every file left in the folder (the app is starting: nothing is being built yet).</summary>
    public void RemoveLeftovers()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            File.Delete(file);
        }
    }

    private FileStream Create(string name, FileAccess access, bool deleteOnClose)
    {
        EnsureFolder();
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = access,
            Share = FileShare.None,
            BufferSize = BufferSize,
            Options = FileOptions.Asynchronous | (deleteOnClose ? FileOptions.DeleteOnClose : FileOptions.None),
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(PathOf(name), options);
    }

    private void EnsureFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
            return;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(Folder, ownerOnly);
        if (File.GetUnixFileMode(Folder) != ownerOnly)
        {
            File.SetUnixFileMode(Folder, ownerOnly);
        }
    }
}

/// <summary>Removes the temporary files a previous run left (a crash mid-export) when the host starts.</summary>
internal sealed class DocumentTempFilesCleanup(DocumentTempFiles files) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        files.RemoveLeftovers();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
