using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dashboard.Core.Accounts;
using Dashboard.Core.Documents;

namespace Dashboard.Web.Endpoints;

/// <summary>
/// Files built inside a circuit (the Export button shows progress while it builds) and then fetched by the
/// browser at /download/prepared/{token}. A file lives in the documents' owner-only temporary folder for a few
/// minutes, is served once, and only to the administrator who asked for it.
/// </summary>
public sealed class PreparedDownloads(TimeProvider time, DocumentTempFiles temp) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, Prepared> _files = new(StringComparer.Ordinal);

    private sealed record Prepared(string Path, string FileName, string ContentType, int AccountId, int? AdministratorId, DateTimeOffset ExpiresAt);

    public sealed record Download(FileStream Content, string FileName, string ContentType);

    public async Task<string> PrepareAsync(AccountScope scope, string fileName, string contentType,
        Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(write);
        RemoveExpired();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = temp.PathOf("prepared-" + token);
        try
        {
            await using (var file = temp.CreateKept("prepared-" + token))
            {
                await write(file, cancellationToken);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        _files[token] = new Prepared(path, fileName, contentType, scope.RequireAccountId(), scope.AdministratorId, time.GetUtcNow() + Lifetime);
        return token;
    }

    /// <summary>The file, once, for the same administrator; null otherwise. The file is deleted when the stream closes.</summary>
    public Download? Take(string token, AccountScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!_files.TryGetValue(token, out var prepared)
            || prepared.AccountId != scope.AccountId
            || prepared.AdministratorId != scope.AdministratorId
            || prepared.ExpiresAt < time.GetUtcNow()
            || !_files.TryRemove(token, out _))
        {
            return null;
        }

        var stream = new FileStream(prepared.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        return new Download(stream, prepared.FileName, prepared.ContentType);
    }

    public void Dispose()
    {
        foreach (var (token, prepared) in _files)
        {
            if (_files.TryRemove(token, out _))
            {
                File.Delete(prepared.Path);
            }
        }
    }

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (token, prepared) in _files)
        {
            if (prepared.ExpiresAt < now && _files.TryRemove(token, out _))
            {
                File.Delete(prepared.Path);
            }
        }
    }
}
