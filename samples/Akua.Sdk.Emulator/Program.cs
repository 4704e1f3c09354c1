// Runs a local Akua emulator until stopped (Ctrl+C or SIGTERM). `akua-emulator --help` for usage.
using System.Globalization;
using System.Runtime.InteropServices;
using Akua.Sdk.Testing;

const string Usage = """
    Usage: akua-emulator [--port <n>] [--env-file <path>] [--trusted-partner]

    Runs an in-memory Akua API (Offers, Products, Packages, Operations, Order Drafts, Installs) on
    127.0.0.1 until Ctrl+C or SIGTERM, with a demo package in its catalogue, and prints the settings that point an app at it, under the names the SDK's configuration binding
    (AddAkuaSdk(configuration.GetSection("Akua"))) reads from the environment, and as AKUA_*:

      Akua__BaseAddress=http://127.0.0.1:<port>/v1/
      Akua__ApiToken=<token>
      AKUA_BASE_ADDRESS=http://127.0.0.1:<port>/v1/
      AKUA_API_TOKEN=<token>

    Options:
      --port <n>          listen on port n (1 to 65535); 0 or absent picks a free ephemeral port
      --env-file <path>   also write those lines to <path>, once the emulator listens (a script
                          can wait for the file, then source it)
      --trusted-partner   accept the trusted-partner fields of create-offer (target_workspace_id,
                          region_id, cluster_id)
      -h, --help          show this help
    """;

var options = new AkuaEmulatorOptions();
string? envFile = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535:
            options.Port = port;
            i++;
            break;
        case "--env-file" when i + 1 < args.Length:
            envFile = args[++i];
            break;
        case "--trusted-partner":
            options.TrustedPartner = true;
            break;
        default:
            Console.Error.WriteLine($"akua-emulator: unexpected '{args[i]}'{(args[i].StartsWith("--", StringComparison.Ordinal) ? " (or a missing or invalid value)" : "")}.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

AkuaEmulator emulator;
try
{
    emulator = await AkuaEmulator.StartAsync(options);
}
catch (IOException e)
{
    Console.Error.WriteLine($"akua-emulator: cannot listen on 127.0.0.1:{options.Port}: {e.Message}");
    return 1;
}

await using (emulator)
{
    // A package to sell, so apps pointed at the emulator find one with packages.list.
    emulator.AddPackage("PostgreSQL", "1.2.3", DemoPackage.InputSchema);

    var settings =
        $"Akua__BaseAddress={emulator.BaseAddress}\nAkua__ApiToken={emulator.ApiToken}\n" +
        $"AKUA_BASE_ADDRESS={emulator.BaseAddress}\nAKUA_API_TOKEN={emulator.ApiToken}\n";
    Console.Write(settings);
    if (envFile is not null)
    {
        // Written whole and then renamed, so a script waiting for the file never reads half of it.
        var temporary = envFile + ".tmp";
        await File.WriteAllTextAsync(temporary, settings);
        File.Move(temporary, envFile, overwrite: true);
    }

    Console.Error.WriteLine("Akua emulator running; Ctrl+C to stop.");
    using var stop = new CancellationTokenSource();
    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Cancel();
    }

    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        // Stopped.
    }
}

return 0;

/// <summary>The demo package every emulator this tool starts holds.</summary>
internal static class DemoPackage
{
    /// <summary>A small install form: a size to choose and an optional replica count.</summary>
    public const string InputSchema = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["size"],
         "properties":{"size":{"type":"string","enum":["small","medium","large"]},"replicas":{"type":"integer","minimum":1,"maximum":5}}}
        """;
}
