namespace Akua.Sdk;

/// <summary>Recognises the failures the resilience pipeline raises, so the facade can wrap them.</summary>
internal static class AkuaTransientFailures
{
    public static bool IsTimeout(Exception exception) => exception is TimeoutException || exception.InnerException is TimeoutException;

    public static bool IsBrokenCircuit(Exception exception) => false;
}
