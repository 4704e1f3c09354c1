// Runs a local Akua emulator until stopped (Ctrl+C, SIGTERM or end of standard input).
//
//   dotnet run --project samples/Akua.Sdk.Emulator [-- --env-file path]
//
// It prints AKUA_BASE_ADDRESS and AKUA_API_TOKEN; with --env-file it also writes them to that file
// (written last, so a script can wait for the file to appear).
using Akua.Sdk.Testing;

await using var emulator = await AkuaEmulator.StartAsync();
var settings = $"AKUA_BASE_ADDRESS={emulator.BaseAddress}\nAKUA_API_TOKEN={emulator.ApiToken}\n";
Console.Write(settings);

var envFile = args.Length == 2 && args[0] == "--env-file" ? args[1] : null;
if (envFile is not null)
{
    var temporary = envFile + ".tmp";
    await File.WriteAllTextAsync(temporary, settings);
    File.Move(temporary, envFile, overwrite: true);
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Stopped.
}
