using Dashboard.Core;
using Dashboard.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddDashboardCore();
builder.AddDashboardWeb();

var app = builder.Build();

await app.InitializeDatabaseAsync();
app.UseDashboardWeb();
app.MapDashboardEndpoints();

await app.RunAsync();
