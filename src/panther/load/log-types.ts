/**
 * Panther-managed log type names known offline. PAT 1.7 checks LogTypes against the instance's
 * schemas only with an API connection; offline ruleproof warns (check `panther-log-type`) about a
 * name not in this list and still runs the rule's tests. Extend it with the `logTypes` option
 * (config: `panther.logTypes`); `Custom.*` names are accepted when they match PAT's pattern.
 *
 * Sources (read 2026-12): the union of PAT's last static list (`schema_regexs.py` LOG_TYPE_REGEX,
 * panther_analysis_tool commit a741feb^, 2026-03-12, before it moved to API validation), pypanther's
 * `LogType` enum (`pypanther/log_types.py`, commit 8af2da0, 2025-05-26), the names of ruleproof's
 * earlier list, and four managed types panther-analysis (commit daa10c8, 2026-07-01) uses that
 * neither lists yet: Anthropic.Activity, Databricks.Audit, MicrosoftGraph.SecurityAlertV2,
 * SOCRadar.Incidents.
 */
export const KNOWN_LOG_TYPES: readonly string[] = [
  'AWS.ALB', 'AWS.AuroraMySQLAudit', 'AWS.BedrockModelInvocation', 'AWS.CloudFrontAccess', 'AWS.CloudTrail',
  'AWS.CloudTrailDigest', 'AWS.CloudTrailInsight', 'AWS.CloudWatchEvents', 'AWS.Config', 'AWS.GuardDuty',
  'AWS.NLB', 'AWS.S3ServerAccess', 'AWS.SecurityFindingFormat', 'AWS.TransitGatewayFlow', 'AWS.VPCDns',
  'AWS.VPCFlow', 'AWS.WAFWebACL', 'AlphaSOC.Alert', 'Amazon.EKS.Audit', 'Amazon.EKS.Authenticator',
  'Anomali.Indicator', 'Anthropic.Activity', 'Apache.AccessCombined', 'Apache.AccessCommon',
  'AppOmni.Alerts', 'AppOmni.Events', 'AppOmni.Policy', 'Asana.Audit', 'Atlassian.Audit', 'Auth0.Events',
  'Axonius.Activity', 'Azure.Audit', 'Azure.DefenderAlerts', 'Azure.MonitorActivity', 'Azure.SignIn',
  'Bitwarden.Events', 'Box.Event', 'CarbonBlack.Alert', 'CarbonBlack.AlertV2', 'CarbonBlack.Audit',
  'CarbonBlack.EndpointEvent', 'CarbonBlack.WatchlistHit', 'CiscoUmbrella.AdminAudit',
  'CiscoUmbrella.CloudFirewall', 'CiscoUmbrella.DNS', 'CiscoUmbrella.IP', 'CiscoUmbrella.Proxy',
  'Cloudflare.Audit', 'Cloudflare.Firewall', 'Cloudflare.HttpRequest', 'Cloudflare.Spectrum',
  'Cloudflare.ZeroTrust.RData', 'Crowdstrike.AIDMaster', 'Crowdstrike.ActivityAudit', 'Crowdstrike.AppInfo',
  'Crowdstrike.CriticalFile', 'Crowdstrike.DNSRequest', 'Crowdstrike.DetectionSummary',
  'Crowdstrike.EventStreams', 'Crowdstrike.FDREvent', 'Crowdstrike.GroupIdentity',
  'Crowdstrike.ManagedAssets', 'Crowdstrike.NetworkConnect', 'Crowdstrike.NetworkListen',
  'Crowdstrike.NotManagedAssets', 'Crowdstrike.ProcessRollup2', 'Crowdstrike.ProcessRollup2Stats',
  'Crowdstrike.SyntheticProcessRollup2', 'Crowdstrike.Unknown', 'Crowdstrike.UserIdentity',
  'Crowdstrike.UserInfo', 'Crowdstrike.UserLogonLogoff', 'Databricks.Audit', 'Docker.Events',
  'Docusign.Connect', 'Dropbox.TeamEvent', 'Duo.Administrator', 'Duo.Authentication',
  'Duo.OfflineEnrollment', 'Duo.Telephony', 'Envoy.Access', 'Fastly.Access', 'Fluentd.Syslog3164',
  'Fluentd.Syslog5424', 'GCP.AccessTransparency', 'GCP.AuditLog', 'GCP.DNS', 'GCP.Firewall',
  'GCP.HTTPLoadBalancer', 'GSuite.ActivityEvent', 'GSuite.DirectoryUsers', 'GSuite.Reports', 'GitHub.Audit',
  'GitHub.Webhook', 'GitLab.API', 'GitLab.Audit', 'GitLab.Exceptions', 'GitLab.Git', 'GitLab.Integrations',
  'GitLab.Production', 'Gravitational.TeleportAudit', 'GreyNoise.API.Noise', 'GreyNoise.API.V3',
  'GreyNoise.Noise', 'GreyNoise.RIOT', 'Heroku.Runtime', 'IPInfo.ASNCIDR', 'IPInfo.ASNRanges',
  'IPInfo.LocationCIDR', 'IPInfo.LocationRanges', 'IPInfo.PrivacyCIDR', 'IPInfo.PrivacyRanges', 'Iru.Audit',
  'Jamfpro.ComplianceReporter', 'Jamfpro.Login', 'Juniper.Access', 'Juniper.Audit', 'Juniper.Firewall',
  'Juniper.MWS', 'Juniper.Postgres', 'Juniper.Security', 'Kandji.Endpoint', 'Lacework.AgentManagement',
  'Lacework.AlertDetails', 'Lacework.AllFiles', 'Lacework.Applications', 'Lacework.ChangeFiles',
  'Lacework.CloudCompliance', 'Lacework.CloudConfiguration', 'Lacework.Cmdline', 'Lacework.Connections',
  'Lacework.ContainerSummary', 'Lacework.ContainerVulnDetails', 'Lacework.DNSQuery', 'Lacework.Events',
  'Lacework.HostVulnDetails', 'Lacework.Image', 'Lacework.Interfaces', 'Lacework.InternalIPA',
  'Lacework.MachineDetails', 'Lacework.MachineSummary', 'Lacework.NewHashes', 'Lacework.Package',
  'Lacework.PodSummary', 'Lacework.ProcessSummary', 'Lacework.UserDetails', 'Lacework.UserLogin',
  'Linux.Auditd', 'MISP.WarningListsCIDR', 'Material.CaseCreated', 'Material.NewCaseCreated',
  'Microsoft365.Audit.AzureActiveDirectory', 'Microsoft365.Audit.Exchange', 'Microsoft365.Audit.General',
  'Microsoft365.Audit.SharePoint', 'Microsoft365.DLP.All', 'MicrosoftDefenderXDR.AdvancedHunting',
  'MicrosoftGraph.SecurityAlert', 'MicrosoftGraph.SecurityAlertV2', 'MicrosoftIntune.AuditLogs',
  'MicrosoftIntune.DeviceComplianceOrg', 'MicrosoftIntune.Devices', 'MicrosoftIntune.OperationalLogs',
  'MicrosoftIntune.Windows365AuditLogs', 'MongoDB.OrganizationEvent', 'MongoDB.ProjectEvent',
  'Netskope.Audit', 'Nginx.Access', 'Nginx.Error', 'Notion.AuditLogs', 'OCSF.AccountChange',
  'OCSF.ApiActivity', 'OCSF.ApplicationLifecycle', 'OCSF.Authentication', 'OCSF.AuthorizeSession',
  'OCSF.BaseEvent', 'OCSF.ComplianceFinding', 'OCSF.ConfigState', 'OCSF.DatastoreActivity',
  'OCSF.DetectionFinding', 'OCSF.DeviceConfigStateChange', 'OCSF.DhcpActivity', 'OCSF.DnsActivity',
  'OCSF.EmailActivity', 'OCSF.EmailFileActivity', 'OCSF.EmailUrlActivity', 'OCSF.EntityManagement',
  'OCSF.FileActivity', 'OCSF.FileHosting', 'OCSF.FtpActivity', 'OCSF.GroupManagement', 'OCSF.HttpActivity',
  'OCSF.IncidentFinding', 'OCSF.InventoryInfo', 'OCSF.KernelActivity', 'OCSF.KernelExtension',
  'OCSF.MemoryActivity', 'OCSF.ModuleActivity', 'OCSF.NetworkActivity', 'OCSF.NetworkFileActivity',
  'OCSF.NtpActivity', 'OCSF.PatchState', 'OCSF.ProcessActivity', 'OCSF.RdpActivity', 'OCSF.ScanActivity',
  'OCSF.ScheduledJobActivity', 'OCSF.SecurityFinding', 'OCSF.SmbActivity', 'OCSF.SshActivity',
  'OCSF.UserAccess', 'OCSF.UserInventory', 'OCSF.VulnerabilityFinding', 'OCSF.WebResourceAccessActivity',
  'OCSF.WebResourcesActivity', 'OCSF.WinPrefetchInfo', 'OCSF.WinRegistryKeyActivity',
  'OCSF.WinRegistryKeyInfo', 'OCSF.WinRegistryValueActivity', 'OCSF.WinRegistryValueInfo',
  'OCSF.WinResourceActivity', 'OCSF.WinprefetchInfo', 'OCSF.WinregistryKeyActivity',
  'OCSF.WinregistryKeyInfo', 'OCSF.WinregistryValueActivity', 'OCSF.WinregistryValueInfo',
  'OCSF.WinresourceActivity', 'OSSEC.EventInfo', 'OTX.Pulses', 'Okta.Devices', 'Okta.SystemLog',
  'Okta.Users', 'OneLogin.Events', 'OnePassword.AuditEvent', 'OnePassword.ItemUsage',
  'OnePassword.SignInAttempt', 'OpenAI.Audit', 'Orca.Alert', 'Orca.AlertEvent', 'Osquery.Batch',
  'Osquery.Differential', 'Osquery.Snapshot', 'Osquery.Status', 'Panther.Audit', 'Proofpoint.Event',
  'PushSecurity.Activity', 'PushSecurity.Controls', 'PushSecurity.Entities', 'Rapid7.AuditLog',
  'SOCRadar.Incidents', 'Salesforce.Login', 'Salesforce.LoginAs', 'Salesforce.Logout',
  'Salesforce.RealtimeEvent', 'Salesforce.URI', 'SentinelOne.Activity', 'SentinelOne.DeepVisibility',
  'SentinelOne.DeepVisibilityV2', 'Slack.AccessLogs', 'Slack.AuditLogs', 'Slack.IntegrationLogs',
  'Snowflake.AccessHistory', 'Snowflake.DataTransferHistory', 'Snowflake.GrantsToRoles',
  'Snowflake.GrantsToUsers', 'Snowflake.LoginHistory', 'Snowflake.NetworkPolicies', 'Snowflake.QueryHistory',
  'Snowflake.Roles', 'Snowflake.Sessions', 'Snowflake.Stages', 'Snowflake.Users', 'Snyk.GroupAudit',
  'Snyk.OrgAudit', 'Sophos.Central', 'Sublime.Audit', 'Sublime.MDM', 'Sublime.MessageEvent',
  'Suricata.Alert', 'Suricata.Anomaly', 'Suricata.DHCP', 'Suricata.DNS', 'Suricata.FileInfo',
  'Suricata.Flow', 'Suricata.HTTP', 'Suricata.SSH', 'Suricata.TLS', 'Sysdig.Audit', 'Syslog.RFC3164',
  'Syslog.RFC5424', 'Tailscale.Audit', 'Tailscale.Network', 'Tenable.Vulnerability', 'ThinkstCanary.Alert',
  'Tines.Audit', 'Tor.ExitNode', 'Tracebit.Alert', 'Tracebit.HealthCheck', 'TrailDiscover.CloudTrail',
  'Upwind.Detections', 'Vercel.Audit', 'Windows.EventLogs', 'Wiz.Audit', 'Wiz.Detections', 'Wiz.Issues',
  'Wiz.IssuesWebhook', 'Wiz.Threats', 'Wiz.VulnerabilityFinding', 'Workday.Activity',
  'Workday.SignOnAttempt', 'Zeek.CaptureLoss', 'Zeek.Conn', 'Zeek.DHCP', 'Zeek.DNS', 'Zeek.DPD',
  'Zeek.Files', 'Zeek.HTTP', 'Zeek.KnownHosts', 'Zeek.KnownServices', 'Zeek.NTP', 'Zeek.Notice', 'Zeek.OCSP',
  'Zeek.Reporter', 'Zeek.SIP', 'Zeek.Software', 'Zeek.Ssh', 'Zeek.Ssl', 'Zeek.Stats', 'Zeek.Telemetry',
  'Zeek.Tunnel', 'Zeek.Weird', 'Zeek.X509', 'Zendesk.Audit', 'Zoom.Activity', 'Zoom.Operation',
  'Zscaler.ZIA.AdminAuditLog', 'Zscaler.ZIA.DNSLog', 'Zscaler.ZIA.FWLog', 'Zscaler.ZIA.WebLog',
  'Zscaler.ZPA.AppConnectorMetrics', 'Zscaler.ZPA.AppConnectorStatus', 'Zscaler.ZPA.AuditLog',
  'Zscaler.ZPA.UserActivity', 'Zscaler.ZPA.UserStatus',
]

export const CUSTOM_LOG_TYPE = /^Custom\.([A-Z][A-Za-z0-9]*)(\.[A-Z][A-Za-z0-9]*){0,5}$/

const KNOWN = new Set(KNOWN_LOG_TYPES)

export function isKnownLogType(name: string, extra: readonly string[] = []): boolean {
  return KNOWN.has(name) || extra.includes(name) || CUSTOM_LOG_TYPE.test(name)
}
