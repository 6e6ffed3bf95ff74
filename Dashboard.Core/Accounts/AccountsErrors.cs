namespace Dashboard.Core.Accounts;

/// <summary>Marks the messages of the accounts' rules (privileges, administrators, cancellations): AccountsErrors.resx (English) and AccountsErrors.fr.resx, read through <c>UserText</c>.</summary>
public sealed class AccountsErrors;
