// Development: small and cheap (Free SignalR, locally redundant storage, at most 40 instances), scale to zero.
// Deployment-specific values (names, origins, audience, SMS number) come from the environment as in main.bicepparam.
using 'main.bicep'
extends 'main.bicepparam'

param stage = 'dev'
