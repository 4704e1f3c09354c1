using System.Net.Mail;
using Akua.Sdk.Contract;

namespace Akua.Sdk.Tests.Models;

/// <summary>The email check's allocation-free shortcut agrees with MailAddress on every input it decides.</summary>
public class EmailCheckTests
{
    private static bool ByMailAddress(string value) =>
        MailAddress.TryCreate(value, out var address) && string.Equals(address.Address, value, StringComparison.Ordinal);

    [Theory]
    [InlineData("jsmith@example.com")]
    [InlineData("first.last+tag@sub-domain.example.co")]
    [InlineData("a_b@x")]
    [InlineData(".a@example.com")]
    [InlineData("a.@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData("a@example..com")]
    [InlineData("a@.example.com")]
    [InlineData("a@example.com.")]
    [InlineData("@example.com")]
    [InlineData("a@")]
    [InlineData("a@b@c")]
    [InlineData("\"quoted local\"@example.com")]
    [InlineData("Name <a@example.com>")]
    [InlineData("a@[127.0.0.1]")]
    [InlineData("jos\u00e9@example.com")]
    [InlineData("a@b_c.com")]
    [InlineData("a b@example.com")]
    public void Agrees_with_mail_address(string value) =>
        Assert.Equal(ByMailAddress(value), AkuaValueRule.IsEmail(value));

    [Fact]
    public void Agrees_with_mail_address_on_short_strings_of_the_characters_that_matter()
    {
        // Every string of up to 5 of these characters: the shortcut's whole alphabet and its edges.
        const string alphabet = "a1.-_+@ ";
        var strings = new List<string> { "" };
        var frontier = new List<string> { "" };
        for (var length = 1; length <= 5; length++)
        {
            frontier = [.. frontier.SelectMany(prefix => alphabet.Select(c => prefix + c))];
            strings.AddRange(frontier);
        }

        var disagreements = strings.Where(s => ByMailAddress(s) != AkuaValueRule.IsEmail(s)).Take(10).ToList();

        Assert.Empty(disagreements);
    }
}
