using System.Net;
using Sluice.Engine.Inputs;
using Sluice.Native;

namespace Sluice.Tests.Inputs.Tcp;

public class PeerNameResolverTests
{
    [Fact]
    public void ResolvesAndCachesPerAddress()
    {
        var resolver = new PeerNameResolver(localDomain: null);
        var sa = SockAddr.FromIPAddress(IPAddress.Loopback, 40000);
        Assert.Equal("localhost", resolver.Resolve(sa, "127.0.0.1", preserveFqdn: false));
        Assert.Equal("localhost", resolver.Resolve(SockAddr.FromIPAddress(IPAddress.Loopback, 40001), "127.0.0.1", false));
        Assert.Equal(1, resolver.CachedCount);
    }

    [Fact]
    public void AddressesWithoutANameKeepTheirNumericForm()
    {
        var resolver = new PeerNameResolver(localDomain: null);
        var sa = SockAddr.FromIPAddress(IPAddress.Parse("192.0.2.55"), 1); // TEST-NET-1: no PTR record
        Assert.Equal("192.0.2.55", resolver.Resolve(sa, "192.0.2.55", false));
    }

    [Theory]
    [InlineData("box.example.com", "example.com", "box")]
    [InlineData("BOX.Example.COM", "example.com", "BOX")]
    [InlineData("box.other.com", "example.com", "box.other.com")]
    [InlineData("notexample.com", "example.com", "notexample.com")]
    [InlineData("example.com", "example.com", "example.com")]
    [InlineData("box.example.com", null, "box.example.com")]
    public void LocalDomainIsStrippedUnlessPreserveFqdn(string name, string? domain, string expected)
    {
        Assert.Equal(expected, PeerNameResolver.StripDomain(name, domain));
    }
}
