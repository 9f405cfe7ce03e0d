import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { usagePlans, type UsagePlanDefinition, type UsagePlanName } from '../config/usage-plans';

export interface ApiUsagePlansProps {
  readonly api: apigateway.IRestApi;
  /** Every plan applies to every stage: a key works on both API versions. */
  readonly stages: readonly apigateway.Stage[];
  /** The routes' methods by `"<path> <METHOD>"`, the key format of `methodThrottles`. */
  readonly methods: ReadonlyMap<string, apigateway.Method>;
  /** The plans to deploy. @default every plan of the usage-plan config */
  readonly plans?: readonly UsagePlanName[];
  /** Prefixes the plans' names, so two environments' plans in one account tell apart. */
  readonly namePrefix?: string;
}

/**
 * One usage plan per tier of the usage-plan config (throttle, quota and per-method throttles, on both
 * stages) and one API key per plan. AWS generates the key values; the stack outputs only their ids.
 */
export class ApiUsagePlans extends Construct {
  readonly apiKeys: ReadonlyMap<UsagePlanName, apigateway.IApiKey>;

  constructor(scope: Construct, id: string, props: ApiUsagePlansProps) {
    super(scope, id);
    const apiKeys = new Map<UsagePlanName, apigateway.IApiKey>();
    const names = props.plans ?? (Object.keys(usagePlans) as UsagePlanName[]);
    for (const name of names) {
      const definition: UsagePlanDefinition = usagePlans[name];
      const plan = new apigateway.UsagePlan(this, `${name}Plan`, {
        name: props.namePrefix ? `${props.namePrefix}-${definition.name}` : definition.name,
        description: definition.description,
        throttle: definition.throttle,
        quota: { limit: definition.quota.limit, period: apigateway.Period[definition.quota.period] },
        apiStages: props.stages.map((stage) => ({
          api: props.api,
          stage,
          throttle: methodThrottles(definition, props.methods),
        })),
      });
      const key = new apigateway.ApiKey(this, `${name}Key`, {
        description: `API key on the ${definition.name} usage plan`,
        enabled: true,
      });
      plan.addApiKey(key);
      apiKeys.set(name, key);
    }
    this.apiKeys = apiKeys;
  }
}

/** The plan's per-method throttles; a key naming no route is a config error, not a silent no-op. */
function methodThrottles(
  definition: UsagePlanDefinition,
  methods: ReadonlyMap<string, apigateway.Method>,
): apigateway.ThrottlingPerMethod[] {
  return Object.entries(definition.methodThrottles).map(([key, throttle]) => {
    const method = methods.get(key);
    if (!method) throw new Error(`Usage plan ${definition.name}: methodThrottles names no route: "${key}"`);
    return { method, throttle };
  });
}
