// Azure Communication Services with an Email Communication Service and its Azure-managed domain, linked so the
// Communication Services endpoint can send from DoNotReply@<managed domain>. The SMS sender number is bought in the
// portal (there is no ARM resource for phone numbers) and reaches the app as a parameter.

param communicationServiceName string
param emailServiceName string
param tags object

@description('Where the services keep data at rest, e.g. Europe.')
param dataLocation string

@description('The user-assigned identity of the Function App.')
param identityName string

// Communication and Email Service Owner (built-in), scoped to this Communication Services resource only. Sending
// e-mail and SMS with an Entra token needs a role on the resource, ACS has no send-only built-in role, and custom
// roles are reported not to work for its data plane. This one is limited to Microsoft.Communication actions, unlike
// Contributor.
var communicationAndEmailServiceOwner = '09976791-48a7-449e-bb21-39d1a415f350'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }

  resource managedDomain 'domains' = {
    name: 'AzureManagedDomain'
    location: 'global'
    tags: tags
    properties: {
      domainManagement: 'AzureManaged'
      // No tracking pixels or rewritten links in mails to victims.
      userEngagementTracking: 'Disabled'
    }
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      emailService::managedDomain.id
    ]
    // Entra ID only: no access keys to leak.
    disableLocalAuth: true
  }
}

resource sendsMailAndSms 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, identity.id, communicationAndEmailServiceOwner)
  scope: communicationService
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', communicationAndEmailServiceOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = communicationService.name
output hostName string = communicationService.properties.hostName
output senderDomain string = emailService::managedDomain.properties.mailFromSenderDomain
