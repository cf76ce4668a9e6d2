// The Function App on Flex Consumption (FC1): Linux, .NET isolated worker, scales to zero unless always-ready
// instances are asked for. It runs as the user-assigned identity, and every connection it makes is identity-based.
// The app settings below are every setting the app reads; a test binds them to the app's options and validates them.

param name string
param planName string
param location string
param tags object

@description('The user-assigned identity the app runs as.')
param identityName string

param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param signalRHostName string
param communicationHostName string
param emailSenderDomain string

@description('Browser origins that may call the HTTP endpoints (CORS, with credentials: explicit origins, no *).')
param websiteOrigins string[]

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Instances of the http scale group kept warm. 0 = scale to zero (a cold start on the first request).')
@minValue(0)
param alwaysReadyHttpInstances int

@description('Entra ID tenant that issues staff tokens.')
param staffTenantId string

@description('Audience of staff tokens: the staff API app registration\'s client id (v2 tokens) or Application ID URI.')
param staffApiAudience string

param selfTestContactRetentionDays int
param traumaScreenCutoff int

@description('SMS sender (E.164 number bought in the portal); empty until one is bought.')
param smsSenderNumber string

@description('Team mailbox for staff notifications (may be empty).')
param teamMailbox string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var clientId = identity.properties.clientId
var staffAuthority = '${environment().authentication.loginEndpoint}${staffTenantId}/v2.0'

// Not set on purpose:
// - FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and the content-share settings:
//   Flex Consumption takes these from functionAppConfig and rejects or ignores them as app settings.
// - WEBSITE_TIME_ZONE / TZ: not supported on Linux Flex Consumption (Microsoft's timer-trigger docs warn they can
//   break TLS and metrics), so timer schedules run in UTC here; code that needs Dutch time converts explicitly.
// - StaffAuth__SigningKey: the local dev issuer's key; in Azure staff tokens come from Entra ID.
var appSettings = {
  // Host storage and the app's tables and queues (StorageAccount reads the same settings).
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: clientId
  // The template creates every table and queue, and the identity has data roles only, not account management.
  Storage__CreateIfMissing: 'false'

  // Telemetry with the identity: the component accepts no instrumentation-key-only ingestion.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${clientId};Authorization=AAD'

  // Staff tokens from Entra ID (v2.0 endpoint); the signing keys come from the metadata document.
  StaffAuth__Issuer: staffAuthority
  StaffAuth__Audience: staffApiAudience
  StaffAuth__MetadataAddress: '${staffAuthority}/.well-known/openid-configuration'

  // Whose X-Forwarded-For entry is believed. The App Service front end appends the address that connected to it
  // (ip:port) and passes the request to the Functions host, which hands it to the worker over loopback. So loopback
  // is the only known proxy, and one entry (the front end's, the rightmost) is the client: what a client writes in
  // the header itself stands to the left of it and is never read.
  ClientAddress__KnownNetworks__0: '127.0.0.0/8'
  ClientAddress__KnownNetworks__1: '::1/128'
  ClientAddress__ForwardLimit: '1'

  // Self-help test
  SelfTests__ContactRetentionDays: string(selfTestContactRetentionDays)
  // Linux App Service allows only letters, digits and _ in setting names: the test id trauma-screen is written trauma_screen.
  SelfTests__Cutoffs__trauma_screen: string(traumaScreenCutoff)

  // Communication Services (e-mail and SMS) with the identity
  CommunicationServices__Endpoint: 'https://${communicationHostName}'
  CommunicationServices__credential: 'managedidentity'
  CommunicationServices__clientId: clientId
  Email__SenderAddress: 'DoNotReply@${emailSenderDomain}'
  Sms__From: smsSenderNumber
  StaffNotifications__TeamMailbox: teamMailbox
  // The page of the website the mails to senders link to; the mails add the token as the URL fragment.
  MailIntake__ContinueUrl: '${websiteOrigins[0]}/mail/vervolg'

  // SignalR Service REST API with the identity (the extension's identity-based setting names)
  AzureSignalRConnectionString__serviceUri: 'https://${signalRHostName}'
  AzureSignalRConnectionString__credential: 'managedidentity'
  AzureSignalRConnectionString__clientId: clientId
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd deploys the 'api' service from azure.yaml to the site with this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
      cors: {
        allowedOrigins: websiteOrigins
        // The browser SignalR client negotiates with credentials (Chromium refuses negotiate without
        // Access-Control-Allow-Credentials), so credentials are on; App Service then needs explicit origins, never '*'.
        supportCredentials: true
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // HTTP triggers scale as the group 'http'; queue and timer functions each scale on their own.
        alwaysReady: alwaysReadyHttpInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyHttpInstances
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  // Deployments authenticate with Entra ID (azd, az CLI); no basic-auth publishing credentials.
  resource scmBasicAuth 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  resource ftpBasicAuth 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
