namespace Akua.Sdk;

/// <summary>The entry point to the Akua API. Mock it (or the resource clients) in your unit tests.</summary>
public interface IAkuaClient
{
    /// <summary>Offers: private, link-based deals on a product.</summary>
    IOffersClient Offers { get; }

    /// <summary>Products: packages offered for sale.</summary>
    IProductsClient Products { get; }

    /// <summary>Packages: the software sold, its versions and their install forms.</summary>
    IPackagesClient Packages { get; }

    /// <summary>Operations: long-running work, and waiting for it to finish.</summary>
    IOperationsClient Operations { get; }

    /// <summary>Order drafts: customers redeeming offers, as the seller sees them.</summary>
    IOrderDraftsClient OrderDrafts { get; }

    /// <summary>Installs: products running in customers' workspaces.</summary>
    IInstallsClient Installs { get; }
}
