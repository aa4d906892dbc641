/**
 * SQL expressions of the derived readings columns over the measure columns: the arithmetic of libs/domain's
 * deriveFeatures in the same operation order, so that the server computes the same doubles the code would. Valid
 * in MySQL/MariaDB and in Spark SQL (function names are case-insensitive in both).
 */
export const DERIVED_FEATURE_SQL: Readonly<
  Record<'power_w' | 'temperature_difference_k' | 'overstrain_min_nm', string>
> = Object.freeze({
  power_w: 'torque_nm * rotational_speed_rpm * (2 * PI() / 60)',
  temperature_difference_k: 'process_temperature_k - air_temperature_k',
  overstrain_min_nm: 'tool_wear_min * torque_nm',
});
