using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Core.Email;

/// <summary>Configuration section "Smtp". No Host (the demo default) → messages go to the pickup directory as .eml files.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>TLS from the first byte (port 465).</summary>
    public bool UseSsl { get; set; }

    /// <summary>Require STARTTLS; when neither this nor UseSsl is set, STARTTLS is used if the server offers it.</summary>
    public bool StartTls { get; set; }

    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>Sender address, e.g. "Results Dashboard &lt;results@example.com&gt;". Required with a Host.</summary>
    public string? From { get; set; }

    /// <summary>Where .eml files are written when there is no Host; defaults to App_Data/outbox.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>Seconds before an SMTP operation is abandoned.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public const string DefaultFrom = "Results Dashboard <no-reply@results-dashboard.local>";

    public bool UsesPickupDirectory => string.IsNullOrWhiteSpace(Host);

    public MailboxAddress FromAddress() => MailboxAddress.Parse(string.IsNullOrWhiteSpace(From) ? DefaultFrom : From);
}

/// <summary>A wrong SMTP setting fails the start-up, not the first email.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!options.UsesPickupDirectory)
        {
            if (string.IsNullOrWhiteSpace(options.From))
            {
                errors.Add("Smtp:From is required when Smtp:Host is set.");
            }

            if (options.Port is < 1 or > 65535)
            {
                errors.Add("Smtp:Port must be between 1 and 65535.");
            }

            if (options.UseSsl && options.StartTls)
            {
                errors.Add("Smtp:UseSsl and Smtp:StartTls are exclusive: choose one.");
            }

            if (!string.IsNullOrEmpty(options.User) && string.IsNullOrEmpty(options.Password))
            {
                errors.Add("Smtp:Password is required when Smtp:User is set.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.From) && !MailboxAddress.TryParse(options.From, out _))
        {
            errors.Add($"Smtp:From \"{options.From}\" is not an email address.");
        }

        if (options.TimeoutSeconds < 1)
        {
            errors.Add("Smtp:TimeoutSeconds must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
