package storage

// RemoveBenchStores lets TestMain (in package storage_test) remove the
// synthetic benchmark stores when the test process ends.
var RemoveBenchStores = removeBenchStores
